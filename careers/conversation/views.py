"""Views of My team, the career conversation and the Scope for Growth placement."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from frontend import kept, stale
from frontend.options import page_heading
from learning.access import vocabulary
from people.access import roles_reads
from people.audit import shown
from people.sql import Compiled, read_ahead

from .. import access, team
from ..journal import services
from ..models import Placement, PlacementEvent
from . import services as talk
from .forms import (
    CancelConversationForm,
    ConversationForm,
    NoteForm,
    PlacementForm,
    PreparationForm,
    RespondForm,
    StartConversationForm,
)
from .picture import picture
from .presenters import evidence_labels, with_terms


def my_team(request):
    year, today = services.appraisal_year(), timezone.localdate()
    # The team's rows and the roles the menu asks go together (people.sql.read_ahead).
    with read_ahead([team.team_read(request.user.pk, year, today), *roles_reads(request.user)]):
        rows = team.team_overview(manager=request.user, year=year, today=today)
        if not rows:
            raise PermissionDenied("My team is for line managers.")
        return render(request, "careers/team.html", {"rows": rows})


# What the career record reads of the person, compiled once (people.sql.Compiled).
_placements_of = Compiled(
    lambda person: (
        Placement.objects.filter(person=person).select_related("proposed_by").order_by("-year")
    )
)
_events = Compiled(
    lambda placement: PlacementEvent.objects.filter(placement=placement).select_related("actor")
)


def _events_of(placement):
    if placement is None:
        return []
    events = _events.objects(placement=placement.pk)
    for event in events:
        event.placement = placement
    return events


def career_record(request, person_pk):
    person = _person(request, person_pk)
    year = services.appraisal_year()
    all_levels, all_directions = vocabulary("levels"), vocabulary("directions")
    placements = _placements_of.objects(person=person.pk)
    for placement in placements:
        placement.person = person  # as person.placements would give them
    with_terms(placements, all_levels, all_directions)
    current = next((p for p in placements if p.year == year), None)
    context = {
        "person": person,
        "is_manager": access.is_manager_of(request.user, person),
        # The list shows each conversation's date and whether it is cancelled, no more.
        "conversations": access.conversations_visible_to(request.user)
        .filter(person=person)
        .select_related(None),
        "placement": current,
        "history": [p for p in placements if p.year != year],
        "events": _events_of(current),
        "picture": picture(levels=all_levels, directions=all_directions, placement=current),
        "awaiting_me": bool(current and talk.awaiting(current, request.user)),
        "evidence_labels": evidence_labels(current),
        "respond_form": RespondForm(
            kept.data(request, reverse("placement-respond", args=[person.pk])),
            initial={"version": current.version if current else None},
        ),
        "start_form": StartConversationForm(
            kept.data(request, reverse("conversation-start", args=[person.pk]))
        ),
    }
    return render(request, "careers/career_record.html", context)


@require_POST
def conversation_start(request, person_pk):
    person = _person(request, person_pk)
    if not access.is_manager_of(request.user, person):
        raise PermissionDenied
    form = StartConversationForm(request.POST)
    if form.is_valid():
        try:
            conversation = talk.start_conversation(
                person=person, by=request.user, held_on=form.cleaned_data["held_on"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("conversation", pk=conversation.pk)
    return _form_page(request, form, person, "Start a career conversation", "Start",
                      back=("career-record", person.pk))  # fmt: skip


def conversation_cancel(request, pk):
    conversation = _conversation(request, pk)
    if not access.can_cancel_conversation(request.user, conversation):
        raise PermissionDenied
    if conversation.cancelled_at:
        messages.info(request, "This conversation record is already cancelled.")
        return redirect("conversation", pk=pk)
    form = CancelConversationForm(_data(request), initial={"version": conversation.version})
    if request.method == "POST" and form.is_valid():
        try:
            talk.cancel_conversation(
                conversation=conversation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            if _is_stale(error):
                conversation.refresh_from_db()
                form = stale.refused(request, CancelConversationForm, {},
                                     version=conversation.version)  # fmt: skip
            else:
                _add_errors(form, error)
        else:
            messages.success(request, "The conversation record is cancelled.")
            return redirect("conversation", pk=pk)
    held_on = f"{conversation.held_on:%-d %B %Y}"
    title = f"Cancel the conversation record of {held_on}"
    caption = f"{conversation.person.full_name}: conversation record of {held_on}"
    return _form_page(request, form, conversation.person, title, "Cancel the record",
                      back=("conversation", pk), caption=caption)  # fmt: skip


def conversation_detail(request, pk):
    conversation = _conversation(request, pk)
    is_manager = request.user.pk == conversation.manager_id
    form = ConversationForm(kept.data(request), initial=_conversation_initial(conversation))
    if request.method == "POST":
        if not is_manager:
            raise PermissionDenied
        form = ConversationForm(request.POST, initial=_conversation_initial(conversation))
        if form.is_valid():
            try:
                talk.update_conversation(
                    conversation=conversation, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                if _is_stale(error):
                    conversation.refresh_from_db()
                    saved = _conversation_initial(conversation)
                    form = stale.refused(request, ConversationForm, saved,
                                         version=conversation.version, initial=saved)  # fmt: skip
                else:
                    form.add_error(None, error)
            else:
                messages.success(request, "The conversation record is saved.")
                return redirect("conversation", pk=pk)
    return render(request, "careers/conversation.html", _conversation_context(
        request, conversation, form=form, is_manager=is_manager))  # fmt: skip


@require_POST
def conversation_note(request, pk):
    conversation = _conversation(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            talk.add_note(conversation=conversation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Your note is added.")
            return redirect("conversation", pk=pk)
    is_manager = request.user.pk == conversation.manager_id
    form_main = ConversationForm(initial=_conversation_initial(conversation))
    context = _conversation_context(
        request, conversation, form=form_main, is_manager=is_manager, note_form=form
    )
    return render(request, "careers/conversation.html", context)


def conversation_preparation(request, pk):
    conversation = _conversation(request, pk)
    if not access.can_read_preparation(request.user, conversation):
        raise Http404
    initial = {"preparation": conversation.preparation, "version": conversation.version}
    form = PreparationForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            talk.update_conversation(
                conversation=conversation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            if _is_stale(error):
                conversation.refresh_from_db()
                form = stale.refused(request, PreparationForm,
                                     {"preparation": conversation.preparation},
                                     version=conversation.version)  # fmt: skip
            else:
                form.add_error(None, error)
        else:
            messages.success(request, "Your preparation notes are saved.")
            return redirect("conversation", pk=pk)
    return _form_page(
        request, form, conversation.person, "Prepare for the conversation", "Save notes",
        back=("conversation", pk),
    )  # fmt: skip


def placement_propose(request, person_pk):
    person = _person(request, person_pk)
    year = services.appraisal_year()
    # The form's initial values are the placement's terms: read with it.
    placement = person.placements.filter(year=year).select_related(*PLACEMENT_TERMS).first()
    initial = _placement_initial(placement)
    if placement is None and person.pk == request.user.pk:
        initial = services.aspirations_for_self_assessment(person=person, year=year)
    form = PlacementForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            talk.propose_placement(
                person=person, by=request.user, year=year,
                version=form.cleaned_data.get("version"), **form.placement_fields(),
            )  # fmt: skip
        except ValidationError as error:
            placement = person.placements.filter(year=year).first()
            if _is_stale(error) and placement is not None:
                form = stale.refused(request, PlacementForm, _placement_initial(placement),
                                     version=placement.version)  # fmt: skip
            else:
                form.add_error(None, error)
        else:
            messages.success(request, "The placement is proposed. The other person can now agree.")
            return redirect("career-record", person_pk=person.pk)
    title = "Propose a Scope for Growth placement"
    return _form_page(request, form, person, title, "Propose placement",
                      back=("career-record", person.pk))  # fmt: skip


@require_POST
def placement_respond(request, person_pk):
    person = _person(request, person_pk)
    placement = get_object_or_404(person.placements, year=services.appraisal_year())
    form = RespondForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "agree":
                talk.agree_placement(placement=placement, by=request.user, version=data["version"])
            else:
                talk.disagree_placement(
                    placement=placement, by=request.user, version=data["version"],
                    comment=data["comment"],
                )  # fmt: skip
        except ValidationError as error:
            if _is_stale(error):
                placement.refresh_from_db()
                form = _respond_again(request, placement)
            else:
                form.add_error(None, error)
        else:
            return redirect("career-record", person_pk=person.pk)
    return _form_page(request, form, person, "Respond to the placement", "Send response",
                      back=("career-record", person.pk))  # fmt: skip


# Helpers -----------------------------------------------------------------

PLACEMENT_TERMS = ("level", "direction", "target_level", "target_direction")


def _data(request):
    """The posted data (so an empty POST still shows its errors), the text kept from an
    expired session (frontend.kept), or None for an unbound form."""
    return kept.data(request)


def _person(request, person_pk):
    person = access.visible_career_person(request.user, person_pk)
    return shown(request, person, person)


def _conversation(request, pk):
    conversation = access.visible_conversation(request.user, pk)
    return shown(request, conversation, conversation.person)


def _is_stale(error):
    """Whether a service refused the save as made over an older version (docs/adr/0006)."""
    return getattr(error, "code", None) == "stale"


def _respond_again(request, placement):
    """A response to a placement that changed after the page was opened: the answer
    kept, over the version saved now, which the decision quotes so it is seen."""
    form = stale.refused(request, RespondForm, {}, version=placement.version, summary=(
        "The placement was changed after you opened it, so your response has not been "
        "sent. Check the placement saved now, then send your response again."
    ))  # fmt: skip
    now = (
        f"Where they are now: {placement.level}, growing in {placement.direction}. "
        f"Where they aim to be: {placement.target_level}, growing in "
        f"{placement.target_direction}."
    )
    form.add_error("decision", f"Saved now: “{now}” Check it, then answer again.")
    return form


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _form_page(request, form, person, title, button, back=None, saved_now=None, caption=None):
    # A page asking one question has that question as its heading (frontend.options).
    # The caption says whose record it is, when it is not the reader's own.
    whose = None if person.pk == request.user.pk else person.full_name
    one_question = page_heading(form, caption=caption or whose)
    context = {"form": form, "person": person, "title": title, "button": button, "back": back,
               "saved_now": saved_now, "one_question": one_question}  # fmt: skip
    return render(request, "careers/form_page.html", context)


def _conversation_initial(conversation):
    return {
        "held_on": conversation.held_on,
        "adjustments": conversation.adjustments,
        "adjustments_notes": conversation.adjustments_notes,
        "version": conversation.version,
    }


def _conversation_context(request, conversation, **extra):
    journal = conversation.person.journals.filter(year=services.appraisal_year()).first()
    shared = access.shared_states_visible_to(request.user).filter(journal=journal)
    own = journal.section_states.select_related("section") if journal else []
    return {
        "conversation": conversation,
        "notes": conversation.notes.select_related("author"),
        "shared_states": shared if request.user.pk == conversation.manager_id else None,
        "own_states": own if request.user.pk == conversation.person_id else None,
        "note_form": extra.pop("note_form", None)
        or NoteForm(kept.data(request, reverse("conversation-note", args=[conversation.pk]))),
        "can_cancel": access.can_cancel_conversation(request.user, conversation),
        **extra,
    }


def _placement_initial(placement):
    if placement is None:
        return {}
    fields = ["level", "direction", "evidence", "evidence_kinds", "target_level",
              "target_direction", "target_reason", "version"]  # fmt: skip
    return {name: getattr(placement, name) for name in fields}
