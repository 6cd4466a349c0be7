"""The administrator's erasure page for one person (reached from their admin page)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from frontend import kept
from people.audit import shown

from .. import access
from . import services
from .forms import EraseForm
from .models import Erasure


def erase_person(request, pk):
    """GET: who, what would go, and the form (or why they cannot be erased). POST:
    erase, then back to the people list in the admin with a message."""
    person = get_object_or_404(access.people_erasable_by(request.user), pk=pk)
    shown(request, person, person)
    refused = services.refusal(person, request.user)
    form = EraseForm(kept.data(request))
    if request.method == "POST" and not refused and form.is_valid():
        try:
            reason = form.cleaned_data["reason"]
            erasure = services.erase(person, by=request.user, reason=reason)
        except services.ErasureRefused as error:
            refused = str(error)
        else:
            messages.success(request, f"Person {erasure.person_id} has been erased.")
            return redirect("admin:people_person_changelist")
    # Not refused: not erased either (the first thing `refusal` asks after oneself).
    erasure = None
    if refused:
        erasure = Erasure.objects.filter(person=person).select_related("erased_by").first()
    own, naming = services.preview(person) if erasure is None else ({}, {})
    return render(request, "privacy/erasure/confirm.html", {
        "person": person, "form": form, "refused": refused, "erasure": erasure,
        "counts": sorted(own.items()), "naming": sorted(naming.items()),
    })  # fmt: skip
