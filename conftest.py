"""Shared test fixtures: a small institution and a cast of users, one per role and scope.

The cast (after healthchecks' alice/bob/charlie): every access test has an outsider.
  school A (lab A1) and school B (lab B1) under the institution; a company outside the tree;
  researcher_a and researcher_a2 in lab A1; officer_a works for school A, officer_b for school B;
  committee, director and finance for the whole institution; auditor and admin everywhere.
"""

from __future__ import annotations

import datetime
import os
import shutil
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connections
from playwright.sync_api import Page, expect, sync_playwright
from rest_framework.authtoken.models import Token

from valo.core.access import Role
from valo.directory.models import Affiliation, Membership, Organization, Person


def _order(item: Any) -> int:
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    transactional = (
        (
            marker is not None
            and bool(marker.kwargs.get("transaction") or marker.args[:1] == (True,))
        )
        or "transactional_db" in names
        or "live_server" in names
    )
    if "demo" in names and not transactional:
        return 2
    return 1 if transactional else 0


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[Any]) -> None:
    """The tests in a transaction first, then those that flush the database, then those of the demo
    institution: it is loaded once for all of them (valo/tests/conftest.py) and stays until the session
    ends, so no other test may come after."""
    items.sort(key=_order)


@pytest.fixture(autouse=True)
def _site_language() -> Any:
    """Each test starts in the site's language: a page requested in French by the test client
    leaves French active in the thread, which the next test would inherit."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Jobs run in the process that queues them (on commit); the queue's own tests use the database
    # backend and its worker (valo/correspondence/tests).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fresh_rate_limits(request: Any, _django_db_helper: Any) -> None:
    """Each test starts with no API requests counted (the throttle counts live in the shared cache,
    the database's: cleared when the test uses the database) and no ranking cached."""
    from django.core.cache import caches

    caches["default"].clear()
    names = request.fixturenames
    uses_db = request.node.get_closest_marker("django_db") is not None
    for fixture in ("db", "transactional_db"):
        if fixture in names and not uses_db:
            request.getfixturevalue(fixture)
            uses_db = True
    if uses_db:
        caches["shared"].clear()


@dataclass
class Cast:
    institution: Organization
    school_a: Organization
    lab_a: Organization
    school_b: Organization
    lab_b: Organization
    company: Organization
    users: dict[str, Any]
    people: dict[str, Person]

    def token(self, name: str) -> str:
        return Token.objects.get_or_create(user=self.users[name])[0].key


@pytest.fixture
def cast(db: Any, django_user_model: Any) -> Cast:
    org = Organization.objects.create
    institution = org(name="Test Institute", kind="institution")
    school_a = org(name="School A", kind="school", parent=institution)
    lab_a = org(name="Lab A1", kind="laboratory", parent=school_a)
    school_b = org(name="School B", kind="school", parent=institution)
    lab_b = org(name="Lab B1", kind="laboratory", parent=school_b)
    company = org(name="Acme Industries", kind="company", size_category="GE", siren="732829320")
    scopes = {
        "researcher_a": (Role.RESEARCHER, lab_a),
        "researcher_a2": (Role.RESEARCHER, lab_a),
        "officer_a": (Role.OFFICER, school_a),
        "officer_b": (Role.OFFICER, school_b),
        "committee": (Role.COMMITTEE, institution),
        "director": (Role.DIRECTOR, institution),
        "finance": (Role.FINANCE, institution),
        "auditor": (Role.AUDITOR, None),
        "admin": (Role.ADMIN, None),
    }
    users = {}
    for name, (role, scope) in scopes.items():
        user = django_user_model.objects.create_user(name, password=f"pw-{name}")
        Membership.objects.create(user=user, role=role, organization=scope)
        users[name] = user
    people = {}
    for name, lab in [("researcher_a", lab_a), ("researcher_a2", lab_a), ("bob_b", lab_b)]:
        person = Person.objects.create(
            first_name=name.title(), last_name="Tester", user=users.get(name)
        )
        Affiliation.objects.create(
            person=person,
            organization=lab,
            status="teacher_researcher",
            start=datetime.date(2020, 1, 1),
        )
        people[name] = person
    return Cast(institution, school_a, lab_a, school_b, lab_b, company, users, people)


@pytest.fixture
def login(client: Any, cast: Cast) -> Any:
    """login("officer_a") → the test client, logged in as that member of the cast."""

    def _login(name: str) -> Any:
        client.force_login(cast.users[name])
        return client

    return _login


@pytest.fixture
def api(cast: Cast) -> Any:
    """api("auditor") → a DRF client authenticating with that user's real API token."""
    from rest_framework.test import APIClient

    def _api(name: str) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {cast.token(name)}")
        return client

    return _api


# --- the browser (end-to-end tests) -----------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium as root in a container, with no network but loopback (see docs/development.md).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def page(live_server):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # synchronous and safe, so Django's async guard is lifted for browser tests only.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(locale="en-GB")
            page = context.new_page()
            page.set_default_timeout(15_000)
            yield page
            # While Playwright's loop runs in this thread, asgiref gives the test's ORM calls
            # connections of their own (context-local, not thread-local): closed here, in that
            # context, or each would stay open to the end and block the test database's removal.
            connections.close_all()
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def pick(page: Page, select: str, text: str) -> None:
    """Choose in an autocomplete picker (valo.core.pickers) as a user does: type, then click the
    suggestion the server sent."""
    control = page.locator(f"{select}-ts-control")
    control.click()
    control.fill(text)
    page.locator(f"{select}-ts-dropdown .option", has_text=text).first.click()


def log_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main").get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Technology transfer office")).to_be_visible()


# --- a real SMTP server on the loopback (aiosmtpd) -------------------------------------------


class Mailbox:
    """What the test SMTP server received: each message parsed, with its envelope's recipients.
    `refuse` = n makes it answer the next n messages with a temporary failure (451)."""

    def __init__(self) -> None:
        self.messages: list[Any] = []
        self.refuse = 0
        self.refused = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            self.refuse -= 1
            self.refused += 1
            return "451 4.3.0 Try again later"
        from email import message_from_bytes
        from email.policy import default

        message = message_from_bytes(envelope.original_content, policy=default)
        message.envelope_to = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list[Any]:
        return [m for m in self.messages if address in m.envelope_to]


@pytest.fixture
def smtp(settings: Any) -> Any:
    """A real SMTP server (aiosmtpd) on a free loopback port; Django's SMTP backend sends to it."""
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield mailbox
    controller.stop()
