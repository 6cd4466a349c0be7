"""Signals of the people app for the apps above it (which people may not import)."""

from django.dispatch import Signal

# Sent (sender: the module that wrote) after people or units were changed by bulk
# writes, which send no post_save: the ESR import's apply, an erasure. Receivers renew
# what they cached about people, such as the appraisal figures' stamp
# (appraisals/reports/stamp.py) and LED's uptake stamp (learning/uptake_stamp.py).
people_changed_in_bulk = Signal()
