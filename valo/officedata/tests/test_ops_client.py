"""The OPS client against a server on the loopback that answers as OPS does, with the recorded
responses: token, throttling header, family with biblio and legal, and the <fault> errors."""

from __future__ import annotations

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from valo.officedata import ops_client
from valo.officedata.tests.test_ops_reader import DATA

THROTTLE = "idle (images=green:200, inpadoc=green:60, other=green:1000, retrieval=green:200, search=green:30)"


class FakeOps(BaseHTTPRequestHandler):
    tokens: list[str] = []
    requests: list[tuple[str, str]] = []  # (method, path)

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass

    def _send(
        self, status: int, body: bytes, content_type: str = "application/xml", **headers: str
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("X-Throttling-Control", THROTTLE)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        FakeOps.requests.append(("POST", self.path))
        if self.path.endswith("/auth/accesstoken") and "grant_type=client_credentials" in body:
            FakeOps.tokens.append(self.headers.get("Authorization", ""))
            self._send(
                200,
                json.dumps({"access_token": "t0ken", "expires_in": "1199"}).encode(),
                "application/json",
            )
        else:
            self._send(400, b"<fault/>")

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        FakeOps.requests.append(("GET", path))
        if self.headers.get("Authorization") != "Bearer t0ken":
            self._send(400, b"<fault><message>invalid_access_token</message></fault>")
        elif "(9999999)" in path:
            self._send(404, (DATA / "errors" / "error_404.xml").read_bytes())
        elif "(8888888)" in path:
            self._send(
                403, (DATA / "errors" / "error_429.xml").read_bytes(), **{"Retry-After": "0"}
            )
        elif path.endswith("/biblio"):
            self._send(200, (DATA / "get_family_with_biblio" / "response.xml").read_bytes())
        elif path.endswith("/legal"):
            self._send(200, (DATA / "get_family_with_legal" / "response.xml").read_bytes())
        else:
            self._send(404, (DATA / "errors" / "error_404.xml").read_bytes())


@pytest.fixture
def fake_ops(settings, tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeOps)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeOps.tokens.clear()
    FakeOps.requests.clear()
    settings.VALO_OPS_KEY, settings.VALO_OPS_SECRET = "key", "secret"
    settings.VALO_OPS_URL = f"http://127.0.0.1:{server.server_port}/3.2"
    settings.VAR_DIR = tmp_path
    yield server
    server.shutdown()


def test_docdb_numbers():
    for written in ("EP.2400812.A1", "ep2400812a1"):
        number = ops_client.docdb(written)
        assert (number.country_code, number.number, number.kind_code) == ("EP", "2400812", "A1")
    with pytest.raises(ValueError):
        ops_client.docdb("2400812")


@pytest.mark.django_db
def test_fetch_and_import_a_family_over_http(cast, fake_ops, tmp_path):
    out = io.StringIO()
    call_command("fetch_ops", "EP.2400812.A1", "--unit", str(cast.lab_a.pk), stdout=out)
    assert "1 families created, 0 updated, 0 unchanged" in out.getvalue()
    assert FakeOps.tokens == ["Basic a2V5OnNlY3JldA=="]  # base64("key:secret"), once for both calls
    assert FakeOps.requests == [
        ("POST", "/3.2/auth/accesstoken"),
        ("GET", "/3.2/rest-services/family/publication/docdb/(EP).(2400812).(A1)/biblio"),
        ("GET", "/3.2/rest-services/family/publication/docdb/(EP).(2400812).(A1)/legal"),
    ]
    saved = sorted(p.name for p in tmp_path.rglob("*.xml"))
    assert saved == ["EP2400812A1-family-biblio.xml", "EP2400812A1-family-legal.xml"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("EP.9999999.A1", "EPO OPS answered 404: Document not found"),
        ("EP.8888888.A1", "EPO OPS answered 403: Fair use limit exceeded"),
    ],
)
def test_refusals_say_why_and_import_nothing(cast, fake_ops, number, message):
    with pytest.raises(CommandError, match=message):
        call_command("fetch_ops", number, "--unit", str(cast.lab_a.pk), stdout=io.StringIO())


def test_missing_credentials_are_named(settings):
    settings.VALO_OPS_KEY = ""
    with pytest.raises(Exception, match="VALO_OPS_KEY"):
        ops_client.client()
