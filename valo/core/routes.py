"""The one way to name a model's pages: `<base>_list`, `_add`, `_detail`, `_edit`, `_delete`,
`_changelog` under `<prefix>/`, and a component's `_add`, `_edit`, `_delete` pages."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path


def model_routes(
    prefix: str,
    base: str,
    *,
    list_view: Any = None,
    detail: Any = None,
    edit: Any = None,
    delete: Any = None,
    changelog: Any = None,
    add_segment: str = "add",
) -> list[URLPattern]:
    """The pages of a model that has them (each view a class with as_view() or a function)."""
    root = f"{prefix}/" if prefix else ""
    routes = [
        ("", list_view, "list"),
        (f"{add_segment}/", edit, "add"),
        ("<int:pk>/", detail, "detail"),
        ("<int:pk>/edit/", edit, "edit"),
        ("<int:pk>/delete/", delete, "delete"),
        ("<int:pk>/changelog/", changelog, "changelog"),
    ]
    return [
        path(f"{root}{segment}", _callable(view), name=f"{base}_{name}")
        for segment, view, name in routes
        if view is not None
    ]


def component_routes(prefix: str, base: str, edit: Any, delete: Any = None) -> list[URLPattern]:
    """The add and edit (and delete) pages of a part of a parent record."""
    routes = [
        path(f"{prefix}/add/", _callable(edit), name=f"{base}_add"),
        path(f"{prefix}/<int:pk>/edit/", _callable(edit), name=f"{base}_edit"),
    ]
    if delete is not None:
        routes.append(path(f"{prefix}/<int:pk>/delete/", _callable(delete), name=f"{base}_delete"))
    return routes


def _callable(view: Any) -> Any:
    return view.as_view() if hasattr(view, "as_view") else view
