"""Asking the inventors before a renewal is decided: each inventor with an account is sent the
question (the event `patents.renewal_consultation`) with a signed link to answer keep or drop, without
logging in; their answers are shown beside the renewal decision."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from valo.correspondence.events import Message, emit
from valo.correspondence.mail import absolute
from valo.patents.models import Deadline, RenewalOpinion

SALT = "valo.patents.renewal-opinion"
# How long an answer link stays valid, in seconds (a renewal is decided within months).
LINK_MAX_AGE = 180 * 24 * 3600


def link_token(opinion: RenewalOpinion) -> str:
    return signing.dumps({"opinion": opinion.pk}, salt=SALT)


def opinion_for_token(token: str) -> RenewalOpinion | None:
    """The opinion a link answers, if the link is genuine and not too old."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        RenewalOpinion.objects.filter(pk=data.get("opinion"))
        .select_related("deadline__application__family", "person")
        .first()
    )


def inventors_of(deadline: Deadline) -> list[Any]:
    """The people who invented what the deadline's family protects (through its invention)."""
    invention = deadline.application.family.invention
    if invention is None:
        return []
    return [i.person for i in invention.inventorships.select_related("person__user") if i.person]


@transaction.atomic
def consult(deadline: Deadline, user: Any) -> list[RenewalOpinion]:
    """Ask each inventor (again, if asked before and not answered) whether to keep the renewal."""
    family = deadline.application.family
    asked = []
    for person in inventors_of(deadline):
        opinion, _created = RenewalOpinion.objects.get_or_create(deadline=deadline, person=person)
        asked.append(opinion)
        if opinion.answered_at is not None or person.user_id is None:
            continue
        link = absolute(reverse("patents_renewal_opinion", args=[link_token(opinion)]))
        emit(
            "patents.renewal_consultation",
            Message(
                _("Keep or drop %(reference)s? Your opinion on its renewal"),
                _(
                    "The office decides by %(decide_by)s whether to pay “%(label)s” of %(application)s "
                    "(due %(due)s) for the patent family %(reference)s, “%(title)s”. Is it still "
                    "used or promising? Answer here (no login needed):\n%(link)s"
                ),
                params={
                    "reference": family.reference,
                    "title": family.title,
                    "label": lambda: deadline.local_label,
                    "application": str(deadline.application),
                    "due": deadline.due_date,
                    "decide_by": deadline.decide_by or deadline.due_date,
                    "link": link,
                },
                url=family.get_absolute_url(),
            ),
            [person.user],
            actor=user,
            key=f"{deadline.pk}:{timezone.localdate()}",
        )
    return asked


@transaction.atomic
def answer(opinion: RenewalOpinion, value: str, comment: str) -> RenewalOpinion:
    opinion.opinion = value
    opinion.comment = comment
    opinion.answered_at = timezone.now()
    opinion.save()
    return opinion
