"""Writes of the portfolio that do more than save one form, called alike by page, API and import."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from valo.patents import engine
from valo.patents.choices import Route
from valo.patents.models import (
    ApplicationInventor,
    ApplicationOwner,
    Deadline,
    PatentApplication,
    PriorityClaim,
)


def recompute_deadlines(obj: Any, data: dict[str, Any], user: Any) -> None:
    """An application or one of its parts (priority claim …) was saved: its deadlines follow."""
    engine.sync([obj if isinstance(obj, PatentApplication) else obj.application])


# Filings that claim an earlier one's priority (a national phase or a divisional claims through its
# parent instead).
CLAIMING_ROUTES = (Route.PRIORITY_FILING, Route.PCT)


def first_filing(family: Any, besides: Any = None) -> PatentApplication | None:
    """The family's earliest filing (its priority), other than `besides`."""
    found = PatentApplication.objects.filter(family=family).exclude(pk=getattr(besides, "pk", None))
    return found.order_by(models.F("filing_date").asc(nulls_last=True), "pk").first()


def save_application(application: PatentApplication, data: dict[str, Any], user: Any) -> None:
    """An application saved on its page or through the API: one with no applicants or inventors
    takes those of the family's first filing (a later filing names the same people), a filing that
    claims a priority and claims none claims the first filing; then its deadlines follow."""
    first = first_filing(application.family, besides=application)
    if first is not None:
        if not application.owners.exists():
            for owner in first.owners.all():
                ApplicationOwner.objects.create(
                    application=application,
                    organization=owner.organization,
                    name_as_published=owner.name_as_published,
                    share=owner.share,
                    sequence=owner.sequence,
                )
        if not application.inventors.exists():
            for inventor in first.inventors.all():
                ApplicationInventor.objects.create(
                    application=application,
                    person=inventor.person,
                    name_as_published=inventor.name_as_published,
                    sequence=inventor.sequence,
                )
        # The routes that claim an earlier filing; the first one is claimed when it is earlier.
        claims = (
            application.route in CLAIMING_ROUTES
            and application.parent_id is None
            and first.filing_date is not None
            and bool(first.application_number)
            and (application.filing_date is None or first.filing_date < application.filing_date)
        )
        if claims and not application.priority_claims.exists():
            PriorityClaim.objects.create(
                application=application,
                priority_application=first,
                country=first.office,
                number=first.application_number,
                date=first.filing_date,
            )
    recompute_deadlines(application, data, user)


@transaction.atomic
def record_office_action(
    application: PatentApplication,
    upload: Any,
    *,
    received_on: datetime.date,
    reply_by: datetime.date,
    user: Any,
    note: str = "",
) -> tuple[Any, Deadline]:
    """An office action received: the office's letter kept on the family (a document of kind office
    action) and the reply's deadline opened on the application, given to the family's responsible.
    The reply's due date is the one the letter sets (periods differ by office and action)."""
    from valo.documents.models import DocumentKind
    from valo.documents.services import attach

    family = application.family
    if reply_by < received_on:
        raise ValidationError({"reply_by": _("The reply is due after the action was received.")})
    document = attach(
        family,
        upload,
        kind=DocumentKind.OFFICE_ACTION,
        title=_("Office action of %(day)s on %(application)s")
        % {"day": received_on.isoformat(), "application": application},
        user=user,
        note=note,
    )
    deadline = Deadline.objects.create(
        application=application,
        label=_("Reply to the office action of %(day)s (%(number)s)")
        % {"day": received_on.isoformat(), "number": document.number},
        base_date=received_on,
        due_date=reply_by,
        responsible=family.responsible,
        note=note,
    )
    return document, deadline
