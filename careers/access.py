"""Who may read or change which journal. Every careers view asks here; deny by default.

A journal is its author's. Their line manager reads a section only while the
author shares it with them: a share is consent to the manager of the day, so it
lapses when the line manager changes (people.consent). Nobody else (other
managers, LED, HR, administrators) reads journals through Trellis.
"""

from django.http import Http404

from people.consent import readable_by_manager
from people.sql import Compiled

from .models import Journal, SectionState


def own_journals(user):
    """The journals `user` wrote, newest year first."""
    if not getattr(user, "is_authenticated", False):
        return Journal.objects.none()
    return _journals_of(user.pk)


def _journals_of(person_pk):
    return Journal.objects.filter(person=person_pk).select_related("bank")


_own_journal = Compiled(lambda person, year: _journals_of(person).filter(year=year))


def own_journal(user, year):
    """The journal `user` wrote for appraisal `year` (an int), or None: one of
    `own_journals(user)`, read by a query compiled once (people.sql.Compiled), with
    `user` as its person."""
    if not getattr(user, "is_authenticated", False):
        return None
    journal = _own_journal.first(person=user.pk, year=year)
    if journal is not None:
        journal.person = user  # its author, already read: pages name them without a query
    return journal


_own_section = Compiled(
    lambda person, year, key: SectionState.objects.filter(
        journal__person=person, journal__year=year, section__key=key
    ).select_related("journal__bank", "section", "shared_with")
)


def own_section_read(user, year, key):
    """The read `own_section(user, year, key)` makes (a people.sql.Read), to send ahead
    with a page's other reads; `user` must be signed in."""
    return _own_section.read(person=user.pk, year=year, key=key)


def own_section(user, year, key):
    """The state (a SectionState) of section `key` (a slug) in the journal `user` wrote
    for appraisal `year` (an int), read with its journal, bank, section and whom it is
    shared with in one query compiled once; None when there is no such journal or
    section. Its journal's person is `user`. The journal section's page and its
    autosave, asked many times a sitting, read both at once."""
    if not getattr(user, "is_authenticated", False):
        return None
    state = _own_section.first(person=user.pk, year=year, key=key)
    if state is not None:
        state.journal.person = user
    return state


def can_edit_journal(user, journal, current_year):
    """Authors edit this year's journal; earlier years are read-only."""
    return journal.person_id == user.pk and journal.year == current_year


def shared_states_visible_to(user):
    """Sections shared with `user`, who is still the author's line manager."""
    if not getattr(user, "is_authenticated", False):
        return SectionState.objects.none()
    return SectionState.objects.filter(readable_by_manager(SectionState, user)).select_related(
        "journal__person", "section"
    )


def reports_sharing_with(user):
    """Journals of `user`'s reports with at least one section shared with them."""
    return Journal.objects.filter(
        pk__in=shared_states_visible_to(user).values("journal_id")
    ).select_related("person")


# The career conversation, placement and plan ---------------------------------


def career_people_visible_to(user):
    """Whose career record `user` may open: their own, and their direct reports'."""
    from people.models import Person

    if not getattr(user, "is_authenticated", False):
        return Person.objects.none()
    return _career_people_of(user.pk)


def _career_people_of(reader):
    from django.db.models import Q

    from people.models import Person

    return Person.objects.filter(
        Q(pk=reader) | Q(line_manager=reader, is_active=True)
    ).select_related("line_manager", "unit")


# The person whose career pages are open, and the conversation, each read in one
# statement compiled once (people.sql.Compiled): through the ORM, building and planning
# these joins cost several times what PostgreSQL takes to run them (issue 18).
_career_person = Compiled(lambda reader, pk: _career_people_of(reader).filter(pk=pk).order_by())


def visible_career_person(user, pk):
    """The Person `pk` (an int), with their line manager and unit, if `user` may open
    their career record (`career_people_visible_to`). Raises Http404 otherwise."""
    if not getattr(user, "is_authenticated", False):
        raise Http404("No person matches the given query.")
    return _career_person.first_or_404(reader=user.pk, pk=pk)


def conversations_visible_to(user):
    """Conversations `user` took part in: as the person, or as their current manager."""
    from .models import Conversation

    if not getattr(user, "is_authenticated", False):
        return Conversation.objects.none()
    return _conversations_of(user.pk)


def _conversations_of(reader):
    from django.db.models import Q

    from .models import Conversation

    return Conversation.objects.filter(
        Q(person=reader) | Q(manager=reader, person__line_manager=reader)
    ).select_related("person", "manager")


_conversation = Compiled(lambda reader, pk: _conversations_of(reader).filter(pk=pk).order_by())


def visible_conversation(user, pk):
    """The Conversation `pk` (an int), with its person and manager, if `user` took part
    in it (`conversations_visible_to`). Raises Http404 otherwise."""
    if not getattr(user, "is_authenticated", False):
        raise Http404("No conversation matches the given query.")
    return _conversation.first_or_404(reader=user.pk, pk=pk)


def can_read_preparation(user, conversation):
    """The manager's preparation notes are the manager's alone."""
    return user.pk == conversation.manager_id


def is_manager_of(user, person):
    return person.line_manager_id == user.pk and person.pk != user.pk


def can_change_plan(user, person):
    """The person and their current line manager write the plan together: objectives,
    actions and agreement (seed 001: "a collaborative exercise")."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.pk == person.pk or (is_manager_of(user, person) and person.is_active)


def can_record_progress(user, person):
    """Progress on the plan is the person's own account of it."""
    return getattr(user, "is_authenticated", False) and user.pk == person.pk


def can_cancel_conversation(user, conversation):
    """The manager who keeps the record cancels one started in error."""
    return user.pk == conversation.manager_id and conversation.person.line_manager_id == user.pk
