"""The live EPO OPS service, through python-epo-ops-client (OAuth client credentials, the fair-use
throttling read from X-Throttling-Control and Retry-After, token renewal). Responses are saved as
files and read by valo.officedata.readers.ops, so what was fetched can be imported again or
inspected.

Configuration: VALO_OPS_KEY and VALO_OPS_SECRET (a consumer key and secret from the EPO developer
portal); VALO_OPS_URL only to point at another server (tests use one on the loopback)."""

from __future__ import annotations

import re
from pathlib import Path

import epo_ops
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from epo_ops.middlewares import Throttler
from epo_ops.middlewares.throttle.storages import SQLite
from lxml import etree
from requests import HTTPError

DOCDB = re.compile(r"^([A-Z]{2})\.?(\d\w*?)\.?([A-Z]\d?)$")


class OpsError(RuntimeError):
    """The service refused: the status and the message of its <fault> body."""


def client(key: str = "", secret: str = "", base_url: str = "") -> epo_ops.Client:
    key, secret = key or settings.VALO_OPS_KEY, secret or settings.VALO_OPS_SECRET
    if not key or not secret:
        raise ImproperlyConfigured(
            "Set VALO_OPS_KEY and VALO_OPS_SECRET to use the EPO OPS service."
        )
    throttle = SQLite(db_path=str(Path(settings.VAR_DIR) / "ops-throttle.sqlite3"))
    ops = epo_ops.Client(key, secret, middlewares=[Throttler(history_storage=throttle)])
    base = (base_url or settings.VALO_OPS_URL).rstrip("/")
    ops.__auth_url__ = f"{base}/auth/accesstoken"
    ops.__service_url_prefix__ = f"{base}/rest-services"
    return ops


def docdb(number: str) -> epo_ops.models.Docdb:
    """'EP.2400812.A1' or 'EP2400812A1' → the client's Docdb number."""
    match = DOCDB.match(number.strip().upper())
    if match is None:
        raise ValueError(f"{number!r} is not a publication number such as EP.2400812.A1")
    country, serial, kind = match.groups()
    return epo_ops.models.Docdb(serial, country, kind)


def _fault(error: HTTPError) -> OpsError:
    response = error.response
    message = ""
    try:
        fault = etree.fromstring(response.content)
        message = fault.findtext("{http://ops.epo.org}message") or ""
    except (etree.XMLSyntaxError, ValueError):
        message = response.text[:200]
    return OpsError(f"EPO OPS answered {response.status_code}: {message or response.reason}")


APPLICATION = re.compile(r"^([A-Z]{2})\.?(\d[\d.]*)$")


def reference_of(number: str) -> tuple[str, epo_ops.models.BaseInput, str]:
    """A number as staff write it, as OPS asks for it: a publication with its kind code
    ('EP.2400812.A1', 'EP2400812A1') in DOCDB format, or an application ('EP20168013',
    'FR1903456') in EPODOC format. Returns (reference type, input, file stem)."""
    text = number.strip().upper().replace(" ", "")
    found = APPLICATION.match(text)
    if found is not None:
        country, serial = found.group(1), found.group(2).replace(".", "")
        return "application", epo_ops.models.Epodoc(f"{country}{serial}"), f"{country}{serial}"
    reference = docdb(text)
    stem = f"{reference.country_code}{reference.number}{reference.kind_code}"
    return "publication", reference, stem


def fetch_family(ops: epo_ops.Client, number: str, directory: Path) -> list[Path]:
    """Save the INPADOC family of a publication or an application, with bibliographic data and
    legal events."""
    directory.mkdir(parents=True, exist_ok=True)
    kind, reference, stem = reference_of(number)
    saved = []
    for constituent in ("biblio", "legal"):
        try:
            response = ops.family(kind, reference, constituents=[constituent])
        except HTTPError as error:
            raise _fault(error) from error
        path = directory / f"{stem}-family-{constituent}.xml"
        path.write_bytes(response.content)
        saved.append(path)
    return saved
