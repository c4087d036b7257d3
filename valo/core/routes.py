"""The one way to name a model's pages: `<base>_list`, `_add`, `_detail`, `_edit`, `_delete`,
`_changelog` under `<prefix>/`, and a component's `_add`, `_edit`, `_delete` pages."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path

# The views of a model's pages, by the names they take in its app's views module.
PAGE_VIEWS = {
    "list_view": "{}ListView",
    "detail": "{}DetailView",
    "edit": "{}EditView",
    "delete": "{}DeleteView",
    "changelog": "{}ChangeLogView",
}


def model_routes(
    prefix: str,
    base: str,
    views: Any = None,
    name: str = "",
    *,
    add_segment: str = "add",
    **given: Any,
) -> list[URLPattern]:
    """The pages of a model that has them: `<Name>ListView`, `<Name>DetailView`, `<Name>EditView`,
    `<Name>DeleteView`, `<Name>ChangeLogView` of the `views` module, or the views given by keyword
    (list_view, detail, edit, delete, changelog: classes with as_view() or functions)."""
    found = {key: getattr(views, pattern.format(name), None) for key, pattern in PAGE_VIEWS.items()}
    found.update(given)
    list_view, detail, edit, delete, changelog = (found[key] for key in PAGE_VIEWS)
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
