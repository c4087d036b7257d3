"""The step table: each step of an invention's life with its transition, its page form and its API
input. The step page (views/steps.py) and the API's actions (api/views.py) are both built from it,
so a step is added or changed in one place; the transitions themselves (transitions.py) are the
service that checks and writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rest_framework import serializers

from valo.inventions import forms, transitions
from valo.inventions.api import serializers as inputs


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[..., Any]
    form: type[forms.StepForm] | None
    api_input: type[serializers.Serializer] | None
    # What the API answers with: the invention as it now is, or the meeting a step created.
    creates_meeting: bool = False

    @property
    def transition(self) -> transitions.Transition:
        return transitions.TRANSITIONS[self.name]

    @property
    def url_path(self) -> str:
        return self.name.replace("_", "-")

    def page_form(self, invention: Any, user: Any, data: Any = None) -> forms.StepForm | None:
        if self.form is None:
            return None
        return self.form(data, invention=invention, user=user)

    def api_arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        """The API input's validated data as the transition's arguments."""
        if "positions" in data:  # a list of rows in JSON, a mapping for the transition
            data["positions"] = {
                p["inventorship"]: (p["position"], p["comment"]) for p in data["positions"]
            }
        return data


STEPS: dict[str, Step] = {
    step.name: step
    for step in [
        Step("submit", transitions.submit, None, None),
        Step(
            "request_information",
            transitions.request_information,
            forms.InformationForm,
            inputs.InformationInput,
        ),
        Step("qualify", transitions.qualify, forms.QualifyForm, inputs.QualifyInput),
        Step(
            "schedule_assessment",
            transitions.schedule_assessment,
            forms.ScheduleForm,
            inputs.ScheduleInput,
            creates_meeting=True,
        ),
        Step("decide", transitions.decide, forms.DecisionForm, inputs.DecideInput),
        Step("protect", transitions.protect, forms.NoteForm, inputs.NoteInput),
        Step("transfer", transitions.transfer, forms.NoteForm, inputs.NoteInput),
        Step("release", transitions.release, forms.ReasonForm, inputs.ReasonInput),
        Step("abandon", transitions.abandon, forms.ReasonForm, inputs.ReasonInput),
    ]
}
