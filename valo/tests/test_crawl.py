"""Every link the product shows works for whoever it is shown to.

The test client logs in as each demo role and follows, GET only, every link the menus and pages show
(same site; not the admin site, the API's JSON, log-out or language switches). A link that answers
403, 404 or 500 is a link shown to someone who may not use it — or a broken page. To stay bounded, a
"shape" of address (digits and query values stripped) is visited at most SAMPLES times per role.
Crawled in French, every page is also checked for English left on it (valo.tests.test_french).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from lxml import html

from valo.tests.conftest import DEMO_ROLES
from valo.tests.test_french import data_english, leftovers, usernames

SAMPLES = 2
MAX_PAGES = 900
SKIP = re.compile(r"^/(admin/|api/(?!docs/$)|i18n/|logout/|static/|media/)|\.ics$")


def shape(url: str) -> str:
    parts = urlsplit(url)
    keys = sorted({key for key, _value in parse_qsl(parts.query, keep_blank_values=True)})
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


def links(page: bytes, base: str) -> list[str]:
    found = []
    for href in html.fromstring(page).xpath("//a/@href"):
        url, _fragment = urldefrag(href.strip())
        if not url or url.startswith(("mailto:", "tel:", "javascript:")):
            continue
        if url.startswith("?"):
            url = urlsplit(base).path + url
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        query = urlencode(parse_qsl(parts.query, keep_blank_values=True))
        found.append(parts.path + (f"?{query}" if query else ""))
    return found


def crawl(
    client: Client, inspect: Callable[[str, bytes], list[str]] | None = None
) -> tuple[int, list[str]]:
    """Pages visited and faults found; `inspect` (address, page) adds its own faults per page."""
    seen_shapes: dict[str, int] = {}
    visited: set[str] = set()
    queue = deque([("/", "(start)")])
    faults = []
    while queue and len(visited) < MAX_PAGES:
        url, referrer = queue.popleft()
        if url in visited or SKIP.search(url):
            continue
        key = shape(url)
        if seen_shapes.get(key, 0) >= SAMPLES:
            continue
        seen_shapes[key] = seen_shapes.get(key, 0) + 1
        visited.add(url)
        try:
            response = client.get(url)
        except Exception as error:  # a server error, raised by the test client
            faults.append(f"{url} (linked from {referrer}): 500 {type(error).__name__}: {error}")
            continue
        if response.status_code in (403, 404) or response.status_code >= 500:
            faults.append(f"{url} (linked from {referrer}): {response.status_code}")
            continue
        if response.status_code in (301, 302):
            queue.append((response["Location"], url))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        if inspect is not None:
            faults.extend(f"{url}: {fault}" for fault in inspect(url, response.content))
        for link in links(response.content, url):
            if link not in visited:
                queue.append((link, url))
    return len(visited), faults


# Every role crawls in French, which also checks that nothing English is left on its pages
# (valo.tests.test_french); the two roles at the ends of the product crawl in English too.
CRAWLS = [*((role, "fr") for role in DEMO_ROLES), ("admin", "en"), ("researcher", "en")]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "language"), CRAWLS)
def test_every_link_shown_opens(demo, role, language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(get_user_model().objects.get(username=role))
    inspect = None
    if language == "fr":
        data, names = data_english(), usernames()

        def inspect(url: str, page: bytes) -> list[str]:
            return leftovers(page, data, names)

    count, faults = crawl(client, inspect)
    assert count > 20, f"the crawl as {role} reached only {count} pages"
    assert faults == [], f"{len(faults)} faults on {count} pages as {role} ({language}):\n" + (
        "\n".join(faults)
    )
