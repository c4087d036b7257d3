"""Rules of the code base that keep the change log complete and permissions in one place."""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps
from django.core import checks

from valo.core.models import ChangeLoggedModel

VALO = Path(__file__).resolve().parents[2]

# Writes that bypass save(), the delete signals and ChangeLoggedQuerySet: never in valo's code.
UNLOGGED_WRITES = re.compile(r"\._raw_delete\(|\.raw\(|\.cursor\(\)|cursor\.execute\(|\._update\(")


# Logs themselves: append-only, never edited, so there is no change to record.
APPEND_ONLY_LOGS = {
    "core.ObjectChange": "the change log, written by valo.core.changelog",
    "inventions.KnowHowRead": "the register of reads of secrets",
}


def source_files():
    for path in VALO.rglob("*.py"):
        parts = path.relative_to(VALO).parts
        if "migrations" in parts or "tests" in parts:
            continue
        yield path


def test_no_code_writes_around_the_change_log():
    offenders = [
        f"{path.relative_to(VALO)}:{number}"
        for path in source_files()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if UNLOGGED_WRITES.search(line)
    ]
    assert offenders == []


def test_every_valo_model_is_logged_and_declares_its_access():
    for model in apps.get_models():
        if not model.__module__.startswith("valo."):
            continue
        if model._meta.label in APPEND_ONLY_LOGS:
            continue
        assert issubclass(model, ChangeLoggedModel), model
        own_rule = model.access_q.__func__ is not ChangeLoggedModel.access_q.__func__
        assert own_rule, f"{model.__name__} must say who may do what (itself or by a base)"


def test_logged_models_have_no_implicit_many_to_many():
    assert [e for e in checks.run_checks() if e.id == "valo.E001"] == []


def test_every_page_view_reads_through_restrict():
    """Views read records through restrict() (or the generic views, which do): no bare lookup.

    A lookup of a valo model in a view module must name restrict() in the same statement."""
    lookup = re.compile(r"get_object_or_404\(|\.objects\.(get|filter|all)\(")
    offenders = []
    for path in VALO.rglob("*.py"):
        relative = path.relative_to(VALO)
        # Page views; API viewsets restrict in ValoModelViewSet.get_queryset (tested by the API tests).
        if "api" in relative.parts or (
            "views" not in relative.parts and relative.name != "views.py"
        ):
            continue
        statements = path.read_text().replace("\n    ", " ").split("\n")
        for statement in statements:
            if lookup.search(statement) and "restrict(" not in statement:
                if "Token.objects" in statement or "self.get_queryset()" in statement:
                    continue  # the user's own token; generic views restrict in get_queryset()
                offenders.append(f"{relative}: {statement.strip()[:80]}")
    assert offenders == []


def test_core_templates_name_no_domain_url():
    """core renders what apps register: its templates reverse only core's own routes."""
    from django.urls import resolve, reverse

    from valo.core.registry import valo_apps

    domain_labels = [config.label for config in valo_apps() if config.label != "core"]
    templates = VALO / "core" / "templates"
    url_tag = re.compile(r"{%\s*url\s+['\"]([\w:-]+)['\"]")
    offenders = []
    for path in templates.rglob("*.html"):
        text = path.read_text()
        for name in url_tag.findall(text):
            try:
                module = resolve(reverse(name)).func.__module__
            except Exception:  # a route with arguments: judged by its name
                module = name
            if any(module.startswith(f"valo.{label}") for label in domain_labels):
                offenders.append(f"{path.relative_to(VALO)}: {name}")
        offenders += [
            f"{path.relative_to(VALO)}: {label}_"
            for label in domain_labels
            if re.search(rf"['\"/]{label}[_/]", text)
        ]
    assert offenders == []


def test_an_or_with_everywhere_is_everywhere():
    """Q() stands for "every record" in access rules: OR-ed with anything, it stays everything
    (Django's Q() | q is q: an auditor would see only their own records)."""
    from django.db.models import Q

    from valo.core.access import any_q

    assert any_q(Q(), Q(pk__in=[1])) == Q()
    assert any_q(None, Q(pk=1)) == Q(pk=1)
    assert any_q(None, None) is None
    assert any_q(Q(pk=1), Q(pk=2)) == Q(pk=1) | Q(pk=2)
