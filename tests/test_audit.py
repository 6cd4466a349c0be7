"""The audit: changes to personal records are kept; reads by others are recorded."""

import pytest
from django.urls import reverse

from people.models import RecordView
from people.services import reads_of

pytestmark = pytest.mark.django_db


def test_a_change_to_a_person_keeps_the_earlier_version(cast):
    owner = cast["owner"]
    owner.job_title = "Charge Nurse"
    owner.save()
    titles = [h.job_title for h in owner.history.order_by("history_date")]
    assert titles[-2:] == ["Staff Nurse", "Charge Nurse"]


def test_the_history_records_who_made_the_change(client, cast):
    owner = cast["owner"]
    client.force_login(cast["administrator"])
    url = reverse("admin:people_person_change", args=[owner.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        job_title="Ward Manager",
        groups=[],
        date_joined_0=owner.date_joined.strftime("%Y-%m-%d"),
        date_joined_1=owner.date_joined.strftime("%H:%M:%S"),
        **{
            "hr_scopes-TOTAL_FORMS": 0,
            "hr_scopes-INITIAL_FORMS": 0,
        },
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = owner.history.latest()
    assert latest.job_title == "Ward Manager"
    assert latest.history_user == cast["administrator"]


def test_a_manager_reading_a_report_is_recorded(client, cast):
    client.force_login(cast["line_manager"])
    client.get(reverse("person-detail", args=[cast["owner"].pk]))
    (read,) = reads_of(cast["owner"])
    assert read.viewer == cast["line_manager"]
    assert read.subject == cast["owner"]


def test_reading_your_own_record_is_not_recorded(client, cast):
    client.force_login(cast["owner"])
    client.get(reverse("person-me"))
    client.get(reverse("person-detail", args=[cast["owner"].pk]))
    assert not RecordView.objects.exists()


def test_a_refused_read_is_not_recorded_as_a_read(client, cast):
    client.force_login(cast["other_manager"])
    assert client.get(reverse("person-detail", args=[cast["owner"].pk])).status_code == 404
    assert not RecordView.objects.exists()


def test_the_read_audit_cannot_be_edited_in_the_admin(client, cast):
    client.force_login(cast["line_manager"])
    client.get(reverse("person-detail", args=[cast["owner"].pk]))
    read = RecordView.objects.get()
    client.force_login(cast["administrator"])
    delete = client.post(reverse("admin:people_recordview_delete", args=[read.pk]))
    assert delete.status_code == 403
    assert RecordView.objects.filter(pk=read.pk).exists()


def test_the_owner_sees_who_looked_at_their_records_newest_first(client, cast):
    owner = cast["owner"]
    client.force_login(cast["hr"])
    client.get(reverse("person-detail", args=[owner.pk]))
    client.force_login(cast["line_manager"])
    client.get(reverse("career-record", args=[owner.pk]))

    client.force_login(owner)
    assert 'href="/people/me/reads/"' in client.get(reverse("person-me")).content.decode()
    page = client.get(reverse("my-reads")).content.decode()
    manager = page.index(cast["line_manager"].full_name)
    assert manager < page.index("Your career record") < page.index(cast["hr"].full_name)
    assert page.index(cast["hr"].full_name) < page.index("Your staff record")

    # The reader's own list shows reads of their records only.
    client.force_login(cast["line_manager"])
    theirs = client.get(reverse("my-reads")).content.decode()
    assert "Nobody else has looked at your records yet." in theirs


def test_a_list_of_shared_records_is_one_read_of_the_person(client, cast):
    from tests.factories_learning import CPDEntryFactory

    for _ in range(3):
        CPDEntryFactory(person=cast["owner"], shared_with_manager=True)
    client.force_login(cast["line_manager"])
    assert client.get(reverse("learning:cpd-team", args=[cast["owner"].pk])).status_code == 200
    (read,) = RecordView.objects.all()
    assert (read.viewer, read.subject, read.record) == (
        cast["line_manager"], cast["owner"], cast["owner"],
    )  # fmt: skip


def test_an_administrator_opening_a_record_in_the_admin_is_recorded(client, cast):
    owner = cast["owner"]
    client.force_login(cast["administrator"])
    assert client.get(reverse("admin:people_person_change", args=[owner.pk])).status_code == 200
    (read,) = reads_of(owner)
    assert read.viewer == cast["administrator"]
    client.force_login(owner)
    page = client.get(reverse("my-reads")).content.decode()
    assert "Your staff record (in the administration pages)" in page


def test_an_administrator_reading_the_change_history_of_a_record_is_recorded(client, cast):
    owner = cast["owner"]
    owner.job_title = "Senior Clinic Administrator"
    owner.save()
    version = owner.history.latest()
    client.force_login(cast["administrator"])
    history = reverse("admin:people_person_history", args=[owner.pk])
    assert client.get(history).status_code == 200
    earlier = reverse("admin:people_person_simple_history", args=[owner.pk, version.pk])
    assert client.get(earlier).status_code == 200
    assert [r.viewer for r in reads_of(owner)] == [cast["administrator"]] * 2
    client.force_login(owner)
    page = client.get(reverse("my-reads")).content.decode()
    assert "The change history of your staff record" in page
    assert "An earlier version of your staff record" in page
