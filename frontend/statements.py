"""`/accessibility/`: Trellis's accessibility statement, public as the Public Sector Bodies
(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 ask, and linked
from every page's footer."""

from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

# The day the statement's wording was last checked against what the tests show; change it
# whenever templates/accessibility.html changes.
PREPARED_ON = date(2026, 12, 1)


@login_not_required
@require_GET
def accessibility_statement(request):
    """Render the statement. In: a GET by anyone, signed in or not. Out: the page, naming
    the organisation and, when `ACCESSIBILITY_CONTACT` is set, the address to write to."""
    return render(
        request,
        "accessibility.html",
        {"contact": settings.ACCESSIBILITY_CONTACT, "prepared_on": PREPARED_ON},
    )
