"""Counting uses of something (a password reset for an address, from a client) in
fixed windows, in the database, so every web process and machine shares the count.

django-ratelimit needs memcached or Redis for an atomic shared count (it refuses
Django's database cache as not atomic), and Trellis runs no cache server (see
docs/adr/0018-identity-normalisation.md). The count here is an UPDATE ... SET
count = count + 1 in a transaction, which the database serialises, so concurrent
requests never both see room for one more.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import ThrottleCount


def hit(scope, value, *, limit, period):
    """Count one use of `value` in `scope` and say whether it is within the limit.

    In: a scope name, the value being counted (an address, a client address),
    `limit` uses per `period` (a timedelta). Out: True while this use is one of
    the first `limit` in the current window. Windows are fixed (aligned to the
    epoch), so at a window's edge up to twice the limit can pass in one period.
    Expired counts are removed as new ones are written.
    """
    now = timezone.now()
    seconds = int(period.total_seconds())
    start = now - timedelta(seconds=int(now.timestamp()) % seconds, microseconds=now.microsecond)
    key = salted_hmac(f"trellis.throttle.{scope}", str(value), algorithm="sha256").hexdigest()
    with transaction.atomic():
        ThrottleCount.objects.filter(expires_at__lt=now).delete()
        row, _ = ThrottleCount.objects.get_or_create(
            scope=scope, key=key, window_start=start, defaults={"expires_at": start + period}
        )
        ThrottleCount.objects.filter(pk=row.pk).update(count=F("count") + 1)
        count = ThrottleCount.objects.values_list("count", flat=True).get(pk=row.pk)
    return count <= limit
