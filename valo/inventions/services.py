"""Writes of inventions that do more than save one form, called alike by page, API and import.
The steps of an invention's life are services too: transitions.py, listed in steps.py."""

from __future__ import annotations

from typing import Any

from valo.inventions.models import KnowHow, KnowHowMember


def set_know_how_members(know_how: KnowHow, data: dict[str, Any], user: Any) -> None:
    """Who may know the secret: the people chosen, and always whoever records or edits it.

    Without `members` in the data (an API update of other fields), the members stay as they are."""
    if "members" not in data and know_how.members.exists():
        know_how.members.get_or_create(user=user)
        return
    wanted = {*data.get("members", ()), user}
    know_how.members.exclude(user__in=wanted).delete()
    for member in wanted:
        KnowHowMember.objects.get_or_create(know_how=know_how, user=member)
