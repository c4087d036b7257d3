"""What apps register is what core renders: the menu and the home page by capability, the event
types, the export formats — without core naming any app."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from valo.core import registry
from valo.core.access import ANY_ROLE, Capability, has_capability, register_capability
from valo.core.access import _capabilities as capabilities_registered


@pytest.mark.django_db
def test_a_menu_entry_is_shown_only_to_whoever_holds_its_capability():
    anybody = get_user_model().objects.create_user("nobody", password="x")
    sections = {s.code: s for s in registry.navigation(anybody)}
    # No membership: the API for every signed-in user, nothing that needs a role.
    assert "api" in sections and "changelog" not in sections
    entries = [entry.url_name for s in sections.values() for g in s.groups for entry in g]
    assert not any(
        name.startswith(("finance_statements", "agreements_", "rankings_")) for name in entries
    )


@pytest.mark.django_db
def test_every_registered_entry_names_a_known_capability_and_route():
    from django.urls import reverse

    user = get_user_model().objects.create_user("someone", password="x")
    for config in registry.valo_apps():
        for item in (*config.menu, *config.cards):
            reverse(item.url_name)  # raises if the route is not registered
            try:
                has_capability(user, item.capability)
            except LookupError:
                pytest.fail(f"{config.label}: {item.url_name} needs an unknown {item.capability}")


@pytest.mark.django_db
def test_a_capability_with_a_condition_holds_only_when_it_is_met():
    user = get_user_model().objects.create_user("someone", password="x")
    register_capability(Capability("core.test_probe", "probe", ANY_ROLE, test=lambda u: False))
    assert has_capability(user, "core.test_probe") is False
    register_capability(Capability("core.test_probe", "probe", ANY_ROLE, test=lambda u: True))
    assert has_capability(user, "core.test_probe") is True
    assert has_capability(None, "core.test_probe") is False
    with pytest.raises(LookupError):
        has_capability(user, "core.no_such_thing")
    capabilities_registered.pop("core.test_probe")
