"""The steps of an invention's life: one page per transition, and the assessment meeting."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import modelformset_factory
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from valo.core.forms import style_fields
from valo.inventions import transitions
from valo.inventions.forms import AssessmentForm, ScoreForm
from valo.inventions.models import Assessment, AssessmentParticipant, Invention, Score
from valo.inventions.steps import STEPS


@login_required
def transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """GET: the step's form and what it needs; POST: make the transition or say why not."""
    if name not in STEPS:
        raise Http404
    invention = get_object_or_404(Invention.objects.restrict(request.user), pk=pk)
    step = STEPS[name]
    item = step.transition
    form = step.page_form(
        invention, request.user, request.POST if request.method == "POST" else None
    )
    # A step that cannot start from this state is refused before its form is even read.
    refused: list[str] = transitions.state_problems(invention, name)
    if request.method == "POST" and not refused and (form is None or form.is_valid()):
        try:
            with transaction.atomic():
                arguments = form.arguments() if form is not None else {}
                result = step.run(invention, user=request.user, **arguments)
        except transitions.TransitionRefused as refusal:
            refused = refusal.reasons
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": item.label})
            target = (
                result.get_absolute_url()
                if hasattr(result, "get_absolute_url")
                else invention.get_absolute_url()
            )
            return HttpResponseRedirect(target)
    elif request.method == "GET" and not transitions.permitted(
        invention, request.user, item.permission
    ):
        raise PermissionDenied
    context = {
        "object": invention,
        "transition": item,
        "form": form,
        "refused": refused,
        "blocked": bool(transitions.state_problems(invention, name)),
        "problems": transitions.submission_problems(invention) if name == "submit" else [],
        "suggestion": getattr(form, "suggestion", None),
    }
    status = 409 if refused and request.method == "POST" else 200
    return render(request, "inventions/transition.html", context, status=status)


# edit_only: the meeting's rows are created when it is scheduled, never through the form.
ScoreFormSet = modelformset_factory(Score, form=ScoreForm, extra=0, edit_only=True)


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = AssessmentParticipant
        fields = ["attended"]


ParticipantFormSet = modelformset_factory(
    AssessmentParticipant, form=ParticipantForm, extra=0, edit_only=True
)


@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting: who attended, the score on each criterion, the minutes; then close it."""
    assessment = get_object_or_404(
        Assessment.objects.restrict(request.user).select_related("invention"), pk=pk
    )
    can_change = Assessment.objects.restrict(request.user, "change").filter(pk=pk).exists()
    open_meeting = assessment.status == "scheduled" and can_change
    data = request.POST if request.method == "POST" and open_meeting else None
    form = AssessmentForm(data, instance=assessment, user=request.user)
    scores = ScoreFormSet(
        data, queryset=assessment.scores.select_related("criterion"), prefix="scores"
    )
    participants = ParticipantFormSet(
        data, queryset=assessment.participants.all(), prefix="participants"
    )
    for formset in (scores, participants):
        for sub in formset.forms:
            style_fields(sub)
    refused: list[str] = []
    if data is not None and form.is_valid() and scores.is_valid() and participants.is_valid():
        try:
            with transaction.atomic():
                form.save()
                scores.save()
                participants.save()
                if "close" in request.POST:
                    transitions.close_assessment(
                        assessment,
                        user=request.user,
                        minutes=form.cleaned_data["minutes"],
                        absent_reason=form.cleaned_data["inventors_absent_reason"],
                    )
        except transitions.TransitionRefused as refusal:
            refused = refusal.reasons
        else:
            messages.success(
                request,
                _("Meeting saved.") if "close" not in request.POST else _("Meeting closed."),
            )
            return HttpResponseRedirect(assessment.get_absolute_url())
    context = {
        "object": assessment,
        "invention": assessment.invention,
        "form": form,
        "scores": scores,
        "participants": participants,
        "open_meeting": open_meeting,
        "refused": refused,
    }
    return render(
        request, "inventions/assessment_detail.html", context, status=409 if refused else 200
    )


@require_POST
@login_required
def assessment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_object_or_404(Assessment.objects.restrict(request.user, "change"), pk=pk)
    try:
        transitions.cancel_assessment(
            assessment, user=request.user, reason=request.POST.get("reason", "")
        )
    except transitions.TransitionRefused as refusal:
        for reason in refusal.reasons:
            messages.error(request, reason)
    else:
        messages.success(request, _("Meeting cancelled; its invitees are told."))
    return HttpResponseRedirect(assessment.get_absolute_url())


@require_POST
@login_required
def clock_close(request: HttpRequest, pk: int, clock: str) -> HttpResponse:
    invention = get_object_or_404(Invention.objects.restrict(request.user, "change"), pk=pk)
    try:
        transitions.close_clock(
            invention, user=request.user, clock=clock, reason=request.POST.get("reason", "")
        )
    except transitions.TransitionRefused as refusal:
        for reason in refusal.reasons:
            messages.error(request, reason)
    else:
        messages.success(request, _("The clock is closed, with its reason."))
    return HttpResponseRedirect(reverse("inventions_queue"))
