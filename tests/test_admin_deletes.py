"""The admin's delete pages count what uses an entry instead of listing it (docs/adr/0049).

Every registered ModelAdmin whose model other records point at is walked: an entry used
by 2 records and one used by 20 give delete pages (and "delete selected" pages) of the
same number of queries; either says how many records use it and refuses the delete; an
entry nobody uses is deleted."""

from html import unescape
from itertools import count

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appraisals.models import AppraisalCycle, OrganisationValue, RatingLevel
from careers.models import JournalSection, QuestionBank
from frontend.admin_deletes import references
from learning.models import GrowthDirection, ImpactLevel, Initiative, LearningCategory
from people.models import OrganisationUnit
from tests.factories import HRScopeFactory, OrganisationUnitFactory, PersonFactory
from tests.factories_appraisals import (
    AppraisalCycleFactory,
    AppraisalFactory,
    OrganisationValueFactory,
    RatingLevelFactory,
    ValueDiscussionFactory,
)
from tests.factories_careers import (
    JournalSectionFactory,
    ObjectiveFactory,
    PlacementFactory,
    PlanActionFactory,
    QuestionBankFactory,
    QuestionFactory,
)
from tests.factories_learning import (
    BookmarkFactory,
    CPDEntryFactory,
    GrowthDirectionFactory,
    ImpactLevelFactory,
    InitiativeFactory,
    LearningCategoryFactory,
)


def _term(factory):
    """A new term of a vocabulary (its factory fetches a term by slug: each is new)."""
    numbers = count()
    name = factory._meta.model.__name__.lower()
    return lambda: factory(slug=f"test-{name}-{next(numbers)}", order=9)


def _each(*makers):
    """(entry, n) -> n records of each kind that `makers` make for the entry."""
    return lambda e, n: [make(e) for make in makers for _ in range(n)]


# {model: (a new entry nobody uses, (entry, n) -> n records of each kind that use it,
# the kinds as the page names them)}
ENTRIES = {
    GrowthDirection: (
        _term(GrowthDirectionFactory),
        _each(
            lambda e: PlacementFactory(direction=e),
            lambda e: ObjectiveFactory(direction=e),
            lambda e: InitiativeFactory(directions=[e]),
        ),
        ["Scope for Growth placements", "development plan objectives", "initiatives"],
    ),
    ImpactLevel: (
        _term(ImpactLevelFactory),
        _each(
            lambda e: PlacementFactory(target_level=e),
            lambda e: InitiativeFactory(levels=[e]),
        ),
        ["Scope for Growth placements", "initiatives"],
    ),
    LearningCategory: (
        _term(LearningCategoryFactory),
        _each(
            lambda e: ObjectiveFactory(category=e),
            lambda e: CPDEntryFactory(category=e),
            lambda e: InitiativeFactory(category=e),
        ),
        ["development plan objectives", "CPD entries", "initiatives"],
    ),
    # People's bookmarks would go with an initiative (CASCADE): they make it in use.
    Initiative: (
        InitiativeFactory,
        _each(
            lambda e: BookmarkFactory(initiative=e),
            lambda e: CPDEntryFactory(initiative=e),
            lambda e: PlanActionFactory(initiative=e),
        ),
        ["people's bookmarks", "CPD entries", "development plan actions"],
    ),
    OrganisationValue: (
        OrganisationValueFactory,
        _each(lambda e: ValueDiscussionFactory(value=e)),
        ["appraisals' values discussions"],
    ),
    RatingLevel: (
        RatingLevelFactory,
        _each(lambda e: ValueDiscussionFactory(rating=e)),
        ["appraisals' values discussions"],
    ),
    # Its HR scopes would go with a unit (CASCADE): they make it in use too.
    OrganisationUnit: (
        OrganisationUnitFactory,
        _each(lambda e: PersonFactory(unit=e), lambda e: HRScopeFactory(unit=e)),
        ["people", "HR scopes given to people"],
    ),
    AppraisalCycle: (
        AppraisalCycleFactory,
        _each(lambda e: AppraisalFactory(cycle=e)),
        ["appraisals"],
    ),
    # A published bank or section is never deleted; a draft's are, when empty.
    QuestionBank: (
        lambda: QuestionBankFactory(published_at=None),
        _each(lambda e: JournalSectionFactory(bank=e)),
        ["journal sections"],
    ),
    JournalSection: (
        lambda: JournalSectionFactory(bank=QuestionBankFactory(published_at=None)),
        _each(lambda e: QuestionFactory(section=e)),
        ["questions"],
    ),
}

# Registered models that others point at but whose entries are not walked, and why.
NOT_WALKED = {
    "auth.Group": "Django's own admin; a group's delete lists no members",
    "axes.AccessAttempt": "Django Axes' own; only the attempt's expiry goes with it",
    "people.Person": "nobody deletes a person in the admin (privacy/erasure does)",
    "learning.Evaluation": "read only",
}


def referenced_admin_models():
    return {m._meta.label: m for m in admin.site._registry if references(m)}


def test_every_referenced_admin_model_is_walked():
    """A new ModelAdmin whose model others point at joins ENTRIES (or NOT_WALKED)."""
    walked = {m._meta.label for m in ENTRIES} | set(NOT_WALKED)
    assert set(referenced_admin_models()) == walked


@pytest.fixture
def administrator(client):
    client.force_login(PersonFactory(administrator=True))
    return client


def _delete_url(entry):
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[entry.pk])


def _changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def _used(model, n):
    new, use, _ = ENTRIES[model]
    entry = new()
    use(entry, n)
    return entry


def _queries(client, method, url, data=None):
    getattr(client, method)(url, data)  # the first read fills caches
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data)
    assert response.status_code == 200
    return len(queries)


def _selected(entry):
    return {"action": "delete_selected", "_selected_action": [entry.pk]}


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(ENTRIES), ids=lambda m: m._meta.label)
def test_delete_pages_read_as_many_queries_for_2_and_20_users(administrator, model):
    """In: an entry used by 2 records, another used by 20. Out: the same queries for
    each on the delete page and on the "delete selected" page."""
    few, many = _used(model, 2), _used(model, 20)
    assert _queries(administrator, "get", _delete_url(few)) == _queries(
        administrator, "get", _delete_url(many)
    )
    changelist = _changelist_url(model)
    assert _queries(administrator, "post", changelist, _selected(few)) == _queries(
        administrator, "post", changelist, _selected(many)
    )


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(ENTRIES), ids=lambda m: m._meta.label)
def test_an_entry_in_use_says_how_much_uses_it_and_stays(administrator, model):
    """In: an entry used by 20 records. Out: both delete pages name the count and kind,
    offer no confirmation, and a confirming POST deletes nothing."""
    entry = _used(model, 20)
    said = [f"20 {kind}" for kind in ENTRIES[model][2]]
    page = unescape(administrator.get(_delete_url(entry)).content.decode())
    assert "cannot be deleted" in page and "Yes, I’m sure" not in page
    assert all(f in page for f in said), page
    selected = unescape(
        administrator.post(_changelist_url(model), _selected(entry)).content.decode()
    )
    assert all(f in selected for f in said) and "Yes, I’m sure" not in selected
    administrator.post(_delete_url(entry), {"post": "yes"})
    administrator.post(_changelist_url(model), {**_selected(entry), "post": "yes"})
    assert model.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("model", list(ENTRIES), ids=lambda m: m._meta.label)
def test_an_entry_nobody_uses_is_deleted(administrator, model):
    """In: an entry nothing points at. Out: the page asks to confirm; confirming (on
    the delete page, or on "delete selected") deletes it."""
    entry = ENTRIES[model][0]()
    assert "Yes, I’m sure" in administrator.get(_delete_url(entry)).content.decode()
    administrator.post(_delete_url(entry), {"post": "yes"})
    assert not model.objects.filter(pk=entry.pk).exists()
    other = ENTRIES[model][0]()
    administrator.post(_changelist_url(model), {**_selected(other), "post": "yes"})
    assert not model.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
def test_a_unit_with_units_beneath_it_stays(administrator):
    """In: a unit nobody belongs to, with one unit beneath it (which treebeard would
    delete with it). Out: refused, saying so."""
    unit = OrganisationUnitFactory()
    OrganisationUnitFactory(parent=unit)
    page = administrator.get(_delete_url(unit)).content.decode()
    assert "Has 1 unit beneath it." in page and "Yes, I’m sure" not in page
    administrator.post(_delete_url(unit), {"post": "yes"})
    assert OrganisationUnit.objects.filter(pk=unit.pk).exists()


@pytest.mark.django_db
def test_a_count_past_the_cap_reads_more_than_and_still_stops_the_delete(
    administrator, monkeypatch
):
    """Records using an entry are counted only up to COUNTED_UP_TO (a count reads every
    one): past it the page says "more than …", and the entry still stays."""
    from frontend import admin_deletes

    model = next(iter(ENTRIES))
    monkeypatch.setattr(admin_deletes, "COUNTED_UP_TO", 5)
    entry = _used(model, 6)
    page = unescape(administrator.get(_delete_url(entry)).content.decode())
    assert "cannot be deleted" in page
    for kind in ENTRIES[model][2]:
        assert "more than 5 " in page and f"6 {kind}" not in page
    administrator.post(_delete_url(entry), {"post": "yes"})
    assert model.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_a_record_using_two_chosen_entries_is_counted_once(administrator):
    """In: two growth directions chosen together, used by one initiative (a many-to-many
    link to each) and by one placement each. Out: "delete selected" counts 1 initiative
    and 2 placements: a record linked to both entries is not counted twice."""
    new = _term(GrowthDirectionFactory)
    first, second = new(), new()
    InitiativeFactory(directions=[first, second])
    PlacementFactory(direction=first)
    PlacementFactory(direction=second)
    chosen = {"action": "delete_selected", "_selected_action": [first.pk, second.pk]}
    page = unescape(administrator.post(_changelist_url(GrowthDirection), chosen).content.decode())
    assert "1 initiative" in page and "1 initiatives" not in page, page
    assert "2 initiatives" not in page
    assert "2 Scope for Growth placements" in page
