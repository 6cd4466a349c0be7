"""Every page that records a read of someone's record tells the person what was read
in its own words: the access matrix's world is walked (every URL, every reader who
gets it), and each read recorded is described by its page's namespaced URL name, so
the appraisal's "appraisals:objective-edit" never borrows the development plan's
"objective-edit"."""

import pytest
from django.urls import resolve

from people.audit import WHAT, what_was_read
from people.models import RecordView
from tests.matrix import SIGNED_IN, Row
from tests.test_access_matrix import (  # noqa: F401 (world is a fixture)
    TABLE,
    admin_kwargs,
    admin_row,
    all_patterns,
    build_path,
    world,
)

# The admin pages that show a person's record (people/admin.py); the rest show none.
ADMIN_READS = "admin/people/person/"


def rows(built):
    for route in all_patterns():
        if route.startswith("admin/"):
            if not route.startswith(ADMIN_READS):
                continue
            kwargs = admin_kwargs(route, built)
            yield route, Row(admin_row(route, built)), kwargs
        else:
            row = TABLE[route]
            yield route, row, row.kwargs(built)


@pytest.mark.django_db
def test_every_read_recorded_is_described_by_its_own_page(client, request):
    built = request.getfixturevalue("world")  # the access matrix's world
    for route, row, kwargs in rows(built):
        url = build_path(route, kwargs)
        for role in SIGNED_IN:
            if role == "owner" or not 200 <= row.expect.get(role, 0) < 300:
                continue
            client.force_login(built[role])
            if row.method == "post":
                client.post(url, row.data(built))
            else:
                client.get(url)

    reads = RecordView.objects.exclude(path="")
    names = {}
    for read in reads:
        names.setdefault(resolve(read.path).view_name, []).append(read)
    # The walk reached both pages named "objective-edit", and pages of every app.
    assert {"appraisals:objective-edit", "objective-edit", "learning:cpd-detail",
            "person-detail", "admin:people_person_change"} <= set(names)  # fmt: skip
    undescribed = sorted(set(names) - set(WHAT))
    assert undescribed == [], f"pages recording reads with no words for the person: {undescribed}"
    for name, recorded in names.items():
        for read in recorded:
            assert what_was_read(read) == WHAT[name], (name, read.path)
    assert what_was_read(names["appraisals:objective-edit"][0]) == "An objective in your appraisal"
