"""Journal views: parse the request, ask access.py, call one service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from frontend import kept
from frontend.views import pdf_response
from people.access import roles_reads
from people.audit import shown
from people.services import recent_reads_of
from people.sql import Compiled, keep_prefetched, read_ahead

from .. import access
from ..models import Answer, Question
from . import services
from .autosave import answer_statuses
from .forms import SectionForm, ShareForm, after_save
from .presenters import journal_sections, section_rows
from .versions import sitting_of


def journal_home(request):
    year = services.appraisal_year()
    if access.own_journals(request.user).filter(year=year).exists():
        return redirect("journal-tasks", year=year)
    context = {
        "year": year,
        "earlier": access.own_journals(request.user),
        "questions_published": services.current_bank() is not None,
    }
    return render(request, "careers/journal_start.html", context)


@require_POST
def journal_start(request):
    try:
        journal = services.start_journal(person=request.user, year=services.appraisal_year())
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("journal-home")
    return redirect("journal-tasks", year=journal.year)


def journal_tasks(request, year):
    journal = _own_journal(request, year)
    states = journal.section_states.select_related("section").order_by("section__order")
    return render(
        request,
        "careers/journal_tasks.html",
        {
            "journal": journal,
            "states": states,
            "editable": _editable(request, journal),
            "completed": sum(s.status == "completed" for s in states),
            "journals": access.own_journals(request.user),
        },
    )


def journal_section(request, year, key):
    if request.method == "POST":
        journal, state = _own_state(request, year, key)
        if not _editable(request, journal):
            return _read_only_section(request, journal, state)
        return _save_section(request, journal, state, _form_kwargs(state))
    with read_ahead(_section_reads(request.user, year, key)):
        journal, state = _own_state(request, year, key)
        if not _editable(request, journal):
            return _read_only_section(request, journal, state)
        # Text typed here or autosaved from here before an expired session ended
        # (frontend.kept).
        autosave = reverse("journal-autosave", args=[year, key])
        form = SectionForm(kept.data(request, request.path, autosave), **_form_kwargs(state))
        return _render_section(request, journal, state, form)


def _section_reads(user, year, key):
    """What a section's page reads, sent together before it asks (people.sql.read_ahead):
    the section's state with the journal, its questions, the answers and the person's
    roles for the menu. The page asks them in turn, and each was a round trip."""
    keys = {"person": user.pk, "year": year, "key": key}
    return [
        access.own_section_read(user, year, key),
        _questions.read(**keys),
        _section_answers.read(**keys),
        *roles_reads(user),
    ]


@login_not_required
@require_POST
def journal_autosave(request, year, key):
    """htmx autosave: save what changed, answer with the new versions and a status."""
    if not request.user.is_authenticated:  # KeptFormMiddleware has kept the text
        return render(request, "careers/partials/autosave_signed_out.html")
    journal, state = _own_state(request, year, key)
    if not _editable(request, journal):
        return HttpResponse(status=403)
    form = SectionForm(request.POST, **_form_kwargs(state))
    form.is_valid()  # answers with an error are left out; the others still save
    outcome = services.save_answers(
        state=state, by=request.user, inputs=form.inputs(), versions=form.versions(),
        sitting=sitting_of(request.session.session_key),
    )  # fmt: skip
    after = after_save(request.POST, outcome, **_form_kwargs(state))
    statuses = answer_statuses(form, outcome, after)
    problems = sum(status.problem for status in statuses)
    context = {"outcome": outcome, "statuses": statuses, "problems": problems}
    response = render(request, "careers/partials/autosave.html", context)
    # Read by static/js/autosave.js: nothing on the page is left unsaved.
    response["Trellis-All-Saved"] = "false" if problems else "true"
    return response


def journal_share(request, year, key):
    journal, state = _own_state(request, year, key)
    if not _editable(request, journal):
        # An earlier year's section cannot be newly shared: its page says why.
        return _read_only_section(request, journal, state, status=403)
    data = request.POST if request.method == "POST" else None
    form = ShareForm(data, sensitive=state.section.sensitive)
    if request.method == "POST" and form.is_valid():
        services.share_section(
            state=state,
            by=request.user,
            confirmed=form.cleaned_data.get("confirm", False),
            include_elsewhere=form.cleaned_data.get("include_elsewhere", False),
        )
        messages.success(request, f"{state.section.title} is now shared with your line manager.")
        return redirect("journal-section", year=year, key=key)
    return render(
        request, "careers/journal_share.html", {"journal": journal, "state": state, "form": form}
    )


@require_POST
def journal_withdraw(request, year, key):
    journal, state = _own_state(request, year, key)
    services.withdraw_section(state=state, by=request.user)
    messages.success(request, f"{state.section.title} is private again.")
    return redirect("journal-section", year=year, key=key)


def journal_check(request, year):
    journal = _own_journal(request, year)
    error = None
    if request.method == "POST" and _editable(request, journal):
        try:
            services.mark_ready(journal=journal, by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, "Your journal is ready for your career conversation.")
            return redirect("journal-tasks", year=year)
    return render(
        request,
        "careers/journal_check.html",
        {
            "journal": journal,
            "sections": _all_rows(journal),
            "editable": _editable(request, journal),
            "error": error,
            "page_errors": bool(error),
        },
    )


def journal_pdf(request, year):
    return pdf_response(request, "journal", year=year)


def shared_journal(request, person_pk):
    """A line manager's list of what one report has shared with them."""
    states = access.shared_states_visible_to(request.user).filter(journal__person_id=person_pk)
    states = list(states.order_by("-journal__year", "section__order"))
    if not states:
        raise Http404("Nothing has been shared with you here.")
    shown(request, states[0].journal.person, states[0].journal.person)  # the list: one read
    return render(
        request,
        "careers/shared_journal.html",
        {"person": states[0].journal.person, "states": states},
    )


def shared_section(request, person_pk, year, key):
    state = get_object_or_404(
        access.shared_states_visible_to(request.user),
        journal__person_id=person_pk,
        journal__year=year,
        section__key=key,
    )
    shown(request, state, state.journal.person)
    answers = {a.question_id: a for a in state.journal.answers.all()}
    return render(
        request,
        "careers/shared_section.html",
        {"state": state, "rows": section_rows(state.section, answers)},
    )


# Helpers -----------------------------------------------------------------


def _own_journal(request, year):
    journal = access.own_journal(request.user, year)
    if journal is None:
        raise Http404
    journal.person = request.user  # own_journals are the user's: not read again
    return journal


def _own_state(request, year, key):
    """The person's journal for `year` and its section `key`, read together
    (access.own_section); 404 when either is missing."""
    state = access.own_section(request.user, year, key)
    if state is None:
        raise Http404
    return state.journal, state


# The queries every journal section page and autosave asks, compiled once. A section's
# are keyed as its page's address is (person, year, section key), so that the page can
# send them ahead before it has read the journal and section.
_questions = Compiled(
    lambda person, year, key: Question.objects.filter(
        section__key=key,
        section__bank__journals__person=person,
        section__bank__journals__year=year,
    )
)
_all_answers = Compiled(lambda journal: Answer.objects.filter(journal=journal))
_section_answers = Compiled(
    lambda person, year, key: Answer.objects.filter(
        journal__person=person, journal__year=year, question__section__key=key
    )
)


def _editable(request, journal):
    return access.can_edit_journal(request.user, journal, services.appraisal_year())


def _keys(journal, section):
    """The keys of a section's questions and answers (a dict): as the page's address."""
    return {"person": journal.person_id, "year": journal.year, "key": section.key}


def _answers(journal, section=None):
    if section is None:
        answers = _all_answers.objects(journal=journal.pk)
    else:
        answers = _section_answers.objects(**_keys(journal, section))
    for answer in answers:
        answer.journal = journal  # as journal.answers would give them
    return {a.question_id: a for a in answers}


def _form_kwargs(state):
    questions = _questions.objects(**_keys(state.journal, state.section))
    questions = [q for q in questions if not q.retired]
    return {"questions": questions, "answers": _answers(state.journal, state.section)}


def _save_section(request, journal, state, kwargs):
    """Save what is valid; stay on the page for anything to fix or choose, else go
    on: "Save and continue" to the next section (the last to check answers),
    "Mark as completed" to the task list."""
    form = SectionForm(request.POST, **kwargs)
    valid = form.is_valid()
    action = request.POST.get("action")
    complete = action in ("complete", "complete-empty")
    outcome = services.save_answers(
        state=state,
        by=request.user,
        inputs=form.inputs(),
        versions=form.versions(),
        complete=complete and valid,
        confirm_empty=action == "complete-empty",
        sitting=sitting_of(request.session.session_key),
    )
    if not valid or outcome.conflicts or outcome.empty_unconfirmed:
        form = after_save(request.POST, outcome, **_form_kwargs(state))
        return _render_section(
            request, journal, state, form, conflicts=bool(outcome.conflicts),
            confirm_empty=outcome.empty_unconfirmed,
        )  # fmt: skip
    if complete:
        messages.success(request, f"{state.section.title} is marked as completed.")
        return redirect("journal-tasks", year=journal.year)
    following = services.next_state(state)
    if following is None:
        return redirect("journal-check", year=journal.year)
    return redirect("journal-section", year=journal.year, key=following.section.key)


def _render_section(request, journal, state, form, status=200, conflicts=False, **extra):
    context = {
        **extra,
        "journal": journal,
        "state": state,
        "form": form,
        "conflicts": conflicts,
        "page_errors": conflicts,
        "reads": _reads(state),
    }
    return render(request, "careers/journal_section.html", context, status=status)


def _read_only_section(request, journal, state, status=200):
    # Every question, a retired one too: an earlier year's answer to it is shown.
    questions = _questions.objects(**_keys(journal, state.section))
    keep_prefetched(state.section, "questions", questions)
    rows = section_rows(state.section, _answers(journal, state.section))
    return render(
        request,
        "careers/journal_section_read.html",
        {"journal": journal, "state": state, "rows": rows, "reads": _reads(state)},
        status=status,
    )


def _reads(state):
    """Who read the section lately (a list): asked only while it is shared, as the
    sharing card (careers/jinja2/careers/partials/sharing.html) lists readers only
    then; a private section, most of them, reads nothing for it."""
    return recent_reads_of(state) if state.is_shared else []


def _all_rows(journal):
    return journal_sections(journal)
