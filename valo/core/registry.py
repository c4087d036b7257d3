"""What each app adds to the product, declared in its AppConfig; core renders what is registered.

An app's AppConfig derives from `registry.ValoAppConfig` (the module imported, not the class: Django
takes the one AppConfig class an apps.py holds) and declares, as class attributes:

- `url_prefix`: where its pages live (its `urls` module is included there);
- `api_urls`: a module with a DRF `router` (routes under `/api/<app>/…`) and, optionally, `urlpatterns`
  of API views that are not viewsets;
- `menu_sections` and `menu`: the navigation entries it offers, each with the capability it needs;
- `cards`: the home page's entry points, each with its capability;
- `capabilities`: the named capabilities of its pages that are not one model (valo.core.access);
- `agenda_sources`: dotted paths of functions (user, until) → DueItems for the deadline board;
- `events`: the `EventType`s it emits (what users may be notified of; valo.correspondence);
- `personal_links`: entries of the user's own menu (`PersonalLink`, with an optional count);
- `search_sources`: what the global search finds in it (valo.core.search);
- `record_panels`: sections it adds to other apps' record pages (`RecordPanel`: a family's licences),
  rendered by `{% record_panels object %}` (valo.core.templatetags.valo);
- `documents_on`: labels of its models that take documents (valo.documents), whose pages show them;
- `letters`: the kinds of letters and contracts it writes from DOCX templates (valo.documents.letters);
- `data_imports`: the kinds of spreadsheet rows its records are imported from and exported to
  (valo.core.onboarding: people, inventions, families, agreements …), in the order a first import
  takes them;
- `export_formats`: dotted paths of further `valo.core.exports.ExportFormat`s its data can be
  downloaded in (CSV and XLSX are core's);
- `health_checks`: dotted paths of functions () -> (ok, detail) that `/health/` runs (the
  analytic store …; core checks the database);
- `demo_loader`: dotted path of its part of the demo institution.

Core names no domain app: the navigation, home, URLs, API router, agenda and demo are built from this
registry, in INSTALLED_APPS order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import AppConfig, apps
from django.urls import URLPattern, URLResolver, include, path, reverse
from django.utils.module_loading import import_string

from valo.core.access import Capability, has_capability, register_capability


@dataclass(frozen=True)
class MenuSection:
    """A drop-down of the navigation bar."""

    code: str
    label: Any
    order: int = 100
    # False: a plain link to the section's first entry rather than a drop-down.
    dropdown: bool = True


@dataclass(frozen=True)
class MenuEntry:
    """A link in a section of the navigation; shown only to those who hold its capability.

    A model's list (`<app>_<model>_list`) needs, unless told otherwise, `<app>.view_<model>`.
    `group` separates entries within a section (a divider is drawn between groups)."""

    section: str
    label: Any
    url_name: str
    capability: str = ""
    order: int = 100
    group: int = 0

    def __post_init__(self) -> None:
        if not self.capability:
            app, _sep, rest = self.url_name.partition("_")
            model, _sep, page = rest.rpartition("_")
            if page != "list" or not model:
                raise ValueError(f"{self.url_name}: name the capability this entry needs")
            object.__setattr__(self, "capability", f"{app}.view_{model}")

    @property
    def url(self) -> str:
        return reverse(self.url_name)


def menu(section: str, *rows: Any, order: int = 10, group: int = 0) -> tuple[MenuEntry, ...]:
    """Entries of one section, in the order given: each row is (label, url name) or (label, url
    name, capability); None draws a divider. `order` places the first entry among other apps'."""
    entries = []
    for index, row in enumerate(rows):
        if row is None:
            group += 1
            continue
        entries.append(MenuEntry(section, *row[:2], *row[2:3], order=order + index, group=group))
    return tuple(entries)


@dataclass(frozen=True)
class Card:
    """An entry point on the home page; shown only to those who hold its capability."""

    title: Any
    text: Any
    url_name: str
    capability: str
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class Tile:
    """One figure of a dashboard: its value, the list behind it, and whether it asks for attention."""

    label: Any
    value: Any
    url: str = ""
    warn: bool = False
    note: Any = ""


@dataclass
class Panel:
    """A group of tiles on the home page, for one role's work (an app's dashboard provider gives them)."""

    title: Any
    tiles: list[Tile] = field(default_factory=list)


# How a user is told of an event: an e-mail at once, a line of the daily digest, or nothing.
DELIVERIES = ("immediate", "digest", "off")


@dataclass(frozen=True)
class EventType:
    """Something an app emits that a user may be told of (declaration submitted, deadline missed …).

    `default` is how a recipient is told unless they chose otherwise; `role_defaults` overrides it
    for the holders of a role ((role, delivery) pairs; the most immediate of a user's roles wins).
    `to_actor`: whether the user whose action raised the event is told too (a receipt)."""

    code: str
    label: Any
    default: str = "immediate"
    role_defaults: tuple[tuple[str, str], ...] = ()
    to_actor: bool = False

    def __post_init__(self) -> None:
        for delivery in (self.default, *(d for _role, d in self.role_defaults)):
            if delivery not in DELIVERIES:
                raise ValueError(f"{self.code}: unknown delivery {delivery!r}")

    def default_for(self, roles: frozenset[str] | set[str]) -> str:
        chosen = [d for role, d in self.role_defaults if role in roles]
        return min(chosen, key=DELIVERIES.index) if chosen else self.default


@dataclass(frozen=True)
class RecordPanel:
    """A section another app adds to a record's page (the licences on a patent family's page):
    `context` is the dotted path of a function (request, record) -> dict, or None to show nothing;
    the template renders it."""

    model: str
    template: str
    context: str
    order: int = 100


@dataclass(frozen=True)
class PersonalLink:
    """An entry of the user's own menu (notifications, settings …); `count` is the dotted path of a
    function user -> int shown beside it (unread notifications), when given."""

    label: Any
    url_name: str
    count: str = ""
    order: int = 100

    @property
    def url(self) -> str:
        return reverse(self.url_name)


class ValoAppConfig(AppConfig):
    """The AppConfig of a valo app: what it adds, registered in ready()."""

    url_prefix: str | None = None
    api_urls: str | None = None
    menu_sections: tuple[MenuSection, ...] = ()
    menu: tuple[MenuEntry, ...] = ()
    cards: tuple[Card, ...] = ()
    capabilities: tuple[Capability, ...] = ()
    agenda_sources: tuple[str, ...] = ()
    events: tuple[EventType, ...] = ()
    personal_links: tuple[PersonalLink, ...] = ()
    record_panels: tuple[RecordPanel, ...] = ()
    # Dotted paths of functions (user, query, limit) -> list[valo.core.search.Hit].
    search_sources: tuple[str, ...] = ()
    # (model label, name, dotted path of a function user -> queryset): named choices for pickers.
    picker_sources: tuple[tuple[str, str, str], ...] = ()
    # Labels of its models that take documents ("agreements.Agreement"; valo.documents).
    documents_on: tuple[str, ...] = ()
    # The kinds of letters it writes from templates (valo.documents.letters.LetterKind).
    letters: tuple[Any, ...] = ()
    export_formats: tuple[str, ...] = ()
    # Dotted paths of the `valo.core.onboarding.ImportKind`s its records come in and go out as.
    data_imports: tuple[str, ...] = ()
    health_checks: tuple[str, ...] = ()
    # Dotted paths of functions user -> list[Panel]: the home page's figures for that user.
    dashboards: tuple[str, ...] = ()
    demo_loader: str | None = None

    def ready(self) -> None:
        from valo.core import agenda, exports

        for capability in self.capabilities:
            register_capability(capability)
        for source in self.agenda_sources:
            agenda.register(import_string(source))
        for export_format in self.export_formats:
            exports.register_format(import_string(export_format))


def valo_apps() -> Iterator[ValoAppConfig]:
    """The registered valo apps, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        if isinstance(config, ValoAppConfig):
            yield config


# --- URLs ------------------------------------------------------------------------------------


def page_urlpatterns() -> list[URLResolver]:
    """Every app's pages under its prefix."""
    return [
        path(config.url_prefix, include(f"{config.name}.urls"))
        for config in valo_apps()
        if config.url_prefix is not None
    ]


def api_urlpatterns() -> tuple[Any, list[URLPattern | URLResolver]]:
    """One DRF router holding every app's routes, and the API views that are not viewsets."""
    from rest_framework.routers import DefaultRouter

    router = DefaultRouter()
    extra: list[URLPattern | URLResolver] = []
    for config in valo_apps():
        if config.api_urls is None:
            continue
        module = import_module(config.api_urls)
        router.registry.extend(module.router.registry)
        extra += getattr(module, "urlpatterns", [])
    return router, extra


# --- navigation and home ---------------------------------------------------------------------


@dataclass
class Section:
    code: str
    label: Any
    dropdown: bool
    groups: list[list[MenuEntry]] = field(default_factory=list)


def navigation(user: Any) -> list[Section]:
    """The menu sections with the entries `user` may use; empty sections are left out."""
    sections = {s.code: s for config in valo_apps() for s in config.menu_sections}
    entries: dict[str, list[MenuEntry]] = {}
    for config in valo_apps():
        for entry in config.menu:
            if has_capability(user, entry.capability):
                entries.setdefault(entry.section, []).append(entry)
    result = []
    for code, section in sorted(sections.items(), key=lambda item: item[1].order):
        shown = sorted(entries.get(code, []), key=lambda e: (e.group, e.order))
        if not shown:
            continue
        groups: dict[int, list[MenuEntry]] = {}
        for entry in shown:
            groups.setdefault(entry.group, []).append(entry)
        result.append(Section(code, section.label, section.dropdown, list(groups.values())))
    return result


def home_cards(user: Any) -> list[Card]:
    """The home page's cards `user` may use, in order."""
    cards = [card for config in valo_apps() for card in config.cards]
    return sorted(
        (card for card in cards if has_capability(user, card.capability)), key=lambda c: c.order
    )


def dashboard_panels(user: Any) -> list[Panel]:
    """The panels every app's dashboard providers give `user` (each decides what the user may see)."""
    return [
        panel
        for config in valo_apps()
        for dotted in config.dashboards
        for panel in import_string(dotted)(user)
        if panel.tiles
    ]


def search_sources() -> list[str]:
    return [dotted for config in valo_apps() for dotted in config.search_sources]


def record_panels(model_label: str) -> list[RecordPanel]:
    """The panels every app adds to the pages of `model_label` ("patents.PatentFamily"), in order."""
    found = [
        panel
        for config in valo_apps()
        for panel in config.record_panels
        if panel.model.lower() == model_label.lower()
    ]
    return sorted(found, key=lambda p: p.order)


def event_types() -> dict[str, EventType]:
    """Every app's event types by code, in INSTALLED_APPS order."""
    return {event.code: event for config in valo_apps() for event in config.events}


@dataclass(frozen=True)
class ShownLink:
    label: Any
    url: str
    count: int | None


def personal_links(user: Any) -> list[ShownLink]:
    """The entries of `user`'s own menu, with their counts."""
    links = sorted((link for c in valo_apps() for link in c.personal_links), key=lambda k: k.order)
    return [
        ShownLink(link.label, link.url, import_string(link.count)(user) if link.count else None)
        for link in links
    ]


def health_checks() -> dict[str, Callable[[], tuple[bool, str]]]:
    """Each registered check by its name (`<app>.<function>`)."""
    found = {}
    for config in valo_apps():
        for dotted in config.health_checks:
            found[f"{config.label}.{dotted.rsplit('.', 1)[-1]}"] = import_string(dotted)
    return found


def demo_loaders() -> list[Callable[..., Any]]:
    """Each app's part of the demo institution, in INSTALLED_APPS order (the directory first)."""
    return [import_string(c.demo_loader) for c in valo_apps() if c.demo_loader is not None]
