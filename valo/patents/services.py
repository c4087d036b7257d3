"""Writes of the portfolio that do more than save one form, called alike by page, API and import."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from valo.patents import engine
from valo.patents.models import Deadline, PatentApplication


def recompute_deadlines(obj: Any, data: dict[str, Any], user: Any) -> None:
    """An application or one of its parts (priority claim …) was saved: its deadlines follow."""
    engine.sync([obj if isinstance(obj, PatentApplication) else obj.application])


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
