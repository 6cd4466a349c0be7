"""HR's cycle pages: creating a cycle with clear errors for bad input (text kept, never a
500), opening it and seeing the counts, the progress page of a background run, and a
404 for anyone else, HR scoped elsewhere included."""

import re
from datetime import date

import pytest
from django.urls import reverse

from appraisals.cycles import services
from appraisals.models import Appraisal, AppraisalCycle, CycleRun
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

# The form offers the appraisal years either side of today's, so the cycles are dated in it.
YEAR = services.default_year()


def post_data(organisation, **changes):
    data = {
        "name": "Clinic Admin 2026",
        "year": str(YEAR),
        "opens_on_0": "1", "opens_on_1": "4", "opens_on_2": str(YEAR),
        "closes_on_0": "30", "closes_on_1": "6", "closes_on_2": str(YEAR),
        "units": [str(organisation["team"].pk)],
    }  # fmt: skip
    data.update(changes)
    return data


@pytest.fixture
def hr_client(client, cast):
    client.force_login(cast["hr"])
    return client


def test_hr_creates_a_cycle_and_sees_its_page(hr_client, organisation):
    response = hr_client.post(reverse("appraisals:cycle-create"), post_data(organisation))
    cycle = AppraisalCycle.objects.get()
    assert response["Location"] == reverse("appraisals:cycle-detail", args=[cycle.pk])
    page = hr_client.get(response["Location"]).content.decode()
    assert "Clinic Admin 2026" in page
    assert "Open the cycle" in page
    assert f"April {YEAR} to March {YEAR + 1}" in page


def test_the_form_offers_only_units_in_scope(client, cast, organisation):
    narrow = PersonFactory(unit=organisation["other_team"], hr=True)
    narrow.hr_scopes.create(unit=organisation["other_team"])
    client.force_login(narrow)
    page = client.get(reverse("appraisals:cycle-create")).content.decode()
    assert "Booking (team)" in page
    assert "Clinic Admin (team)" not in page


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"closes_on_0": "31", "closes_on_1": "3"},
         "The closing date must be on or after the opening date"),
        ({"opens_on_0": "31", "opens_on_1": "2"}, "Opening date must be a real date"),
        ({"units": ["999999"]}, "Select only units you look after"),
        ({"units": ["not-a-number"]}, "Select only units you look after"),
        ({"units": []}, "Select at least one unit"),
        ({"year": "1999"}, "Select"),
    ],
)  # fmt: skip
def test_bad_input_gets_a_clear_error_and_keeps_the_text(hr_client, organisation, changes,
                                                         message):  # fmt: skip
    response = hr_client.post(
        reverse("appraisals:cycle-create"),
        post_data(organisation, name="Typed with care", **changes),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert 'value="Typed with care"' in page
    assert not AppraisalCycle.objects.exists()


def test_a_unit_outside_hr_scope_tampered_into_the_post_is_refused(client, cast, organisation):
    narrow = PersonFactory(unit=organisation["other_team"], hr=True)
    narrow.hr_scopes.create(unit=organisation["other_team"])
    client.force_login(narrow)
    response = client.post(reverse("appraisals:cycle-create"), post_data(organisation))
    assert "Select only units you look after" in response.content.decode()
    assert not AppraisalCycle.objects.exists()


def test_an_overlapping_cycle_is_refused_naming_the_other(hr_client, cast, organisation):
    services.save_cycle(by=cast["hr"], name="Everyone 2026", year=YEAR,
                        opens_on=date(YEAR, 5, 1), closes_on=date(YEAR, 7, 31),
                        units=[organisation["org"]])  # fmt: skip
    response = hr_client.post(reverse("appraisals:cycle-create"), post_data(organisation))
    page = response.content.decode()
    assert "These dates overlap the cycle “Everyone 2026”" in page
    assert AppraisalCycle.objects.count() == 1


@pytest.fixture
def cycle(cast, organisation):
    return services.save_cycle(by=cast["hr"], name="Clinic Admin 2026", year=YEAR,
                               opens_on=date(YEAR, 4, 1), closes_on=date(YEAR, 6, 30),
                               units=[organisation["team"]])  # fmt: skip


def test_a_tampered_version_is_refused_as_a_stale_edit_with_text_kept(
    hr_client, cycle, organisation
):
    url = reverse("appraisals:cycle-edit", args=[cycle.pk])
    response = hr_client.post(url, post_data(organisation, name="My new name", version="x7"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "changed in another tab or by someone else" in page
    assert 'value="My new name"' in page
    assert AppraisalCycle.objects.get().name == "Clinic Admin 2026"


def test_hr_changes_a_cycle(hr_client, cycle, organisation):
    url = reverse("appraisals:cycle-edit", args=[cycle.pk])
    hr_client.post(url, post_data(organisation, name="Renamed", version=str(cycle.version)))
    assert AppraisalCycle.objects.get().name == "Renamed"


def test_opening_shows_the_counts_by_status(hr_client, cycle, cast):
    response = hr_client.post(reverse("appraisals:cycle-open", args=[cycle.pk]))
    assert response["Location"] == reverse("appraisals:cycle-detail", args=[cycle.pk])
    page = hr_client.get(response["Location"]).content.decode()
    assert "2 people given an appraisal." in page
    assert "Appraisals by status (2 in all)" in page
    assert "Add joiners and close leavers" in page
    assert Appraisal.objects.filter(cycle=cycle).count() == 2
    listing = hr_client.get(reverse("appraisals:cycle-list")).content.decode()
    assert "Not started: 2" in listing


def test_opening_again_says_it_is_open_and_creates_nothing(hr_client, cycle):
    hr_client.post(reverse("appraisals:cycle-open", args=[cycle.pk]))
    response = hr_client.post(reverse("appraisals:cycle-open", args=[cycle.pk]), follow=True)
    assert "This cycle is already open." in response.content.decode()
    assert Appraisal.objects.filter(cycle=cycle).count() == 2


def test_above_the_threshold_hr_is_sent_to_a_progress_page(hr_client, cycle, settings):
    settings.APPRAISAL_CYCLE_INLINE_MAX = 1
    response = hr_client.post(reverse("appraisals:cycle-open", args=[cycle.pk]))
    run = CycleRun.objects.get()
    url = reverse("appraisals:cycle-run", args=[cycle.pk, run.pk])
    assert response["Location"] == url
    assert run.status == CycleRun.Status.QUEUED
    assert not Appraisal.objects.exists()
    page = hr_client.get(url).content.decode()
    assert "0 of 2 people done (0%)" in page
    assert 'hx-trigger="every 2s"' in page
    # Nothing changed: the poll is answered with no content.
    seen = {"seen": "queued-0"}
    assert hr_client.get(url, seen, headers={"HX-Request": "true"}).status_code == 204

    services.execute_run(run_id=run.pk)  # what the background task does

    finished = hr_client.get(url, seen, headers={"HX-Request": "true"})
    assert finished.status_code == 286  # htmx stops polling
    assert "2 people given an appraisal." in finished.content.decode()
    assert Appraisal.objects.filter(cycle=cycle).count() == 2


@pytest.mark.parametrize("role", ["owner", "line_manager", "led", "other_manager"])
def test_everyone_else_gets_a_404(client, cast, cycle, role):
    client.force_login(cast[role])
    for url in (reverse("appraisals:cycle-list"),
                reverse("appraisals:cycle-detail", args=[cycle.pk])):  # fmt: skip
        assert client.get(url).status_code == 404
    assert client.post(reverse("appraisals:cycle-open", args=[cycle.pk])).status_code == 404
    assert not Appraisal.objects.exists()


def test_hr_scoped_elsewhere_gets_a_404_for_the_cycle_by_url(client, cast, cycle, organisation):
    narrow = PersonFactory(unit=organisation["other_team"], hr=True)
    narrow.hr_scopes.create(unit=organisation["other_team"])
    client.force_login(narrow)
    assert client.get(reverse("appraisals:cycle-list")).status_code == 200
    assert "Clinic Admin 2026" not in client.get(reverse("appraisals:cycle-list")).content.decode()
    for name in ("cycle-detail", "cycle-edit"):
        assert client.get(reverse(f"appraisals:{name}", args=[cycle.pk])).status_code == 404
    for name in ("cycle-open", "cycle-joiners"):
        assert client.post(reverse(f"appraisals:{name}", args=[cycle.pk])).status_code == 404
    assert not Appraisal.objects.exists()


def test_the_nav_shows_appraisal_cycles_to_hr_only(client, cast):
    for role, shown in (("hr", True), ("administrator", True), ("owner", False)):
        client.force_login(cast[role])
        assert ("Appraisal cycles" in client.get("/").content.decode()) is shown, role


def test_the_list_takes_the_same_number_of_queries_for_1_or_5_cycles(hr_client, cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import OrganisationUnitFactory

    root = cast["hr"].hr_scopes.get().unit
    counts = []
    for n in (1, 4):
        for i in range(n):
            unit = OrganisationUnitFactory(name=f"Ward {n}-{i}", kind="team", parent=root)
            PersonFactory(unit=unit)
            cycle = services.save_cycle(by=cast["hr"], name=f"Ward {n}-{i}", year=YEAR,
                                        opens_on=date(YEAR, 4, 1), closes_on=date(YEAR, 6, 30),
                                        units=[unit])  # fmt: skip
            services.open_cycle(cycle=cycle, by=cast["hr"])
        with CaptureQueriesContext(connection) as queries:
            page = hr_client.get(reverse("appraisals:cycle-list")).content.decode()
        assert page.count("Not started: 1") == AppraisalCycle.objects.count()
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_admin_keeps_the_overlap_rule_and_edits_the_values(client, cast, cycle, organisation):
    client.force_login(cast["administrator"])
    response = client.post(reverse("admin:appraisals_appraisalcycle_add"), {
        "name": "Department spring", "year": str(YEAR), "opens_on": f"{YEAR}-05-01",
        "closes_on": f"{YEAR}-05-31", "units": [str(organisation["department"].pk)],
        "runs-TOTAL_FORMS": "0", "runs-INITIAL_FORMS": "0",
    })  # fmt: skip
    assert response.status_code == 200
    assert "These dates overlap the cycle “Clinic Admin 2026”" in response.content.decode()
    assert AppraisalCycle.objects.count() == 1
    values = client.get(reverse("admin:appraisals_organisationvalue_changelist"))
    assert "Compassion" in values.content.decode()  # the NHS Constitution's six, shipped


def test_adding_joiners_when_nobody_joined_says_nothing_changed(hr_client, cycle):
    hr_client.post(reverse("appraisals:cycle-open", args=[cycle.pk]))
    response = hr_client.post(reverse("appraisals:cycle-joiners", args=[cycle.pk]), follow=True)
    page = response.content.decode()
    assert "Nobody new needed an appraisal, and nobody had left: nothing changed." in page
    assert "0 people given an appraisal" not in page


def _shown_counts(page):
    """{status label: count} from the cycle list's item or the cycle page's table."""
    import re

    found = re.findall(r"<li>([^<:]+): (\d+)</li>", page)
    found += re.findall(r'<td class="nhsuk-table__cell">([^<]+)</td><td class="nhsuk-table__cell '
                        r'nhsuk-table__cell--numeric">(\d+)</td>', page)  # fmt: skip
    return {label: int(n) for label, n in found if int(n)}


def test_the_counts_are_kept_until_an_appraisal_moves_on_and_never_shown_stale(hr_client, cycle):
    """The list and the cycle's page keep each cycle's counts under its figures stamp
    (docs/adr/0057): a second look counts nothing, and a change of status is shown at
    once on both."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counted(queries):  # the appraisals counted by status (presenters.counts_by_cycle)
        return [q for q in queries.captured_queries
                if re.search(r'FROM "appraisals_appraisal"\s.*GROUP BY', q["sql"])]  # fmt: skip

    services.open_cycle(cycle=cycle, by=cycle.created_by)
    pages = [reverse("appraisals:cycle-list"), reverse("appraisals:cycle-detail", args=[cycle.pk])]
    with CaptureQueriesContext(connection) as queries:
        for url in pages:
            assert _shown_counts(hr_client.get(url).content.decode()) == {"Not started": 2}
    assert counted(queries)
    with CaptureQueriesContext(connection) as queries:
        for url in pages:
            hr_client.get(url)
    assert not counted(queries)
    moved = Appraisal.objects.filter(cycle=cycle).first()
    moved.status = Appraisal.Status.PREPARING
    moved.save(update_fields=["status"])
    preparing = Appraisal.Status.PREPARING.label
    for url in pages:
        shown = _shown_counts(hr_client.get(url).content.decode())
        assert shown == {"Not started": 1, preparing: 1}


def test_the_list_of_appraisals_is_counted_once_and_recounted_after_a_change(
    hr_client, cycle, organisation, monkeypatch
):
    """The cycle page's list of appraisals keeps its count under the cycle's figures
    stamp and the reader's scope (docs/adr/0057): a second look counts nothing, and a
    new appraisal is counted at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from appraisals.cycles import views

    monkeypatch.setattr(views, "APPRAISALS_PER_PAGE", 1)
    services.open_cycle(cycle=cycle, by=cycle.created_by)
    url = reverse("appraisals:cycle-detail", args=[cycle.pk])
    assert "page 1 of 2" in hr_client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert "page 1 of 2" in hr_client.get(url).content.decode()
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"]]
    Appraisal.objects.create(cycle=cycle, person=PersonFactory(unit=organisation["team"]))
    assert "page 1 of 3" in hr_client.get(url).content.decode()
