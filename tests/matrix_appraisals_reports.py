"""Access-matrix rows for management information (appraisals/reports; see tests/matrix.py).

HR (for units in their scope) and administrators read it; everyone else gets a 404, as
if there were no such page. The world's HR scope is the whole organisation; SWAPPED
below are the same URLs asked by HR of another unit, or with another unit's id, which
tests/test_reports_views.py walks: each gets a 404."""

from tests.matrix import ANON, Row, signed_in

HR_ONLY = {**signed_in(404), ANON: 302, "hr": 200, "administrator": 200}


def _open(world):
    return {"pk": world["open_cycle"].pk}


ROWS = {
    "appraisals/cycles/<num:pk>/reports/": Row(HR_ONLY, _open),
    "appraisals/cycles/<num:pk>/reports/overdue/": Row(HR_ONLY, _open),
    "appraisals/cycles/<num:pk>/reports/appraisers/": Row(HR_ONLY, _open),
    # The equality view: HR and administrators holding people.view_equality_information
    # (the world's HR is given it below; tests/test_reports_equality_access.py refuses HR
    # without it, and HR of another unit).
    "appraisals/cycles/<num:pk>/reports/equality/": Row(HR_ONLY, _open),
    "appraisals/cycles/<num:pk>/reports/equality/<slug:table>.<slug:fmt>": Row(
        HR_ONLY, lambda w: {**_open(w), "table": "ethnicity-completion", "fmt": "csv"}
    ),
    "appraisals/cycles/<num:pk>/reports/<slug:table>.<slug:fmt>": Row(
        HR_ONLY, lambda w: {**_open(w), "table": "units", "fmt": "csv"}
    ),
}


def world_extras(world):
    """The world's HR may read the equality view; the owner has given equality answers."""
    from django.contrib.auth.models import Permission

    from tests.factories import EqualityInformationFactory

    world["hr"].user_permissions.add(
        Permission.objects.get(
            content_type__app_label="people", codename="view_equality_information"
        )  # fmt: skip
    )
    EqualityInformationFactory(person=world["owner"])
    return {}


PAGES = ["", "overdue/", "appraisers/", "units.csv", "overdue.xlsx"]


def swapped(world):
    """(who, url) pairs that must each get a 404: HR of Booking asking for Clinic
    Admin's cycle, and HR asking for a unit outside the cycle or outside their scope."""
    from tests.factories import HRScopeFactory
    from tests.factories_appraisals import AppraisalCycleFactory

    booking_hr = HRScopeFactory(unit=world["other_team"]).person
    booking_cycle = AppraisalCycleFactory(units=[world["other_team"]])
    team_cycle = world["open_cycle"].pk
    asks = []
    for page in PAGES:
        base = f"/appraisals/cycles/{team_cycle}/reports/{page}"
        asks.append((booking_hr, base))  # another team's cycle
        asks.append((booking_hr, base + f"?unit={world['team'].pk}"))
        # Booking's own cycle, with Clinic Admin's unit: not in that cycle.
        asks.append((booking_hr, f"/appraisals/cycles/{booking_cycle.pk}/reports/{page}"
                                 f"?unit={world['team'].pk}"))  # fmt: skip
        # Organisation-wide HR, a unit above the cycle's (outside the cycle's scope).
        asks.append((world["hr"], base + f"?unit={world['department'].pk}"))
        asks.append((world["hr"], base + "?unit=abc"))
    return asks
