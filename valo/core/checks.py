"""System checks that keep the change log complete."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core import checks


@checks.register(checks.Tags.database, deploy=True)
def production_database(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    """`check --deploy`: SQLite serves one office's handful of users; concurrent users want
    PostgreSQL (VALO_DATABASE_URL)."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return []
    return [
        checks.Warning(
            "Production on SQLite: writes are serialised; with concurrent users use PostgreSQL.",
            hint="Set VALO_DATABASE_URL=postgres://… (docs/configuration.md).",
            id="valo.W001",
        )
    ]


@checks.register()
def logged_models_have_no_implicit_m2m(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    """An auto-created many-to-many table is written without save(): its rows would go unlogged.

    Logged models link through an explicit through-model that is itself a ChangeLoggedModel.
    """
    from valo.core.models import ChangeLoggedModel

    errors = []
    for model in apps.get_models():
        if not issubclass(model, ChangeLoggedModel):
            continue
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created or not issubclass(through, ChangeLoggedModel):
                errors.append(
                    checks.Error(
                        f"{model.__name__}.{field.name} needs a ChangeLoggedModel through-model.",
                        obj=model,
                        id="valo.E001",
                    )
                )
    return errors


@checks.register()
def search_index_names_are_unique(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    """The search's trigram indexes are named from their table and column, cut to fit PostgreSQL's
    63 characters (valo.core.search.index_names): two cut to one name would leave one unindexed."""
    from valo.core.search import index_names, searched_models

    seen: dict[str, str] = {}
    errors = []
    for model in searched_models():
        for name, column in index_names(model):
            where = f"{model._meta.db_table}.{column}"
            if seen.setdefault(name, where) != where:
                errors.append(
                    checks.Error(
                        f"The search indexes of {seen[name]} and {where} are both named {name}.",
                        hint="Rename a column, or give valo.core.search.index_names a longer cut.",
                        obj=model,
                        id="valo.E002",
                    )
                )
    return errors
