"""The demo institution's account requests: a doctoral student whom School's identity provider
vouches for but whom the directory does not know yet, waiting for the office."""

from __future__ import annotations

from valo.accounts.models import AccountRequest
from valo.directory.models import Organization


def load_demo() -> list[str]:
    school = Organization.objects.filter(kind="school").order_by("pk").first()
    if AccountRequest.objects.exists() or school is None:
        return []
    AccountRequest.objects.create(
        provider="school-idp",
        identifier="lea.nguyen@school.example",
        school=school,
        first_name="Léa",
        last_name="Nguyen",
        email="lea.nguyen@school.example",
        affiliation="student",
    )
    return ["1 account request"]
