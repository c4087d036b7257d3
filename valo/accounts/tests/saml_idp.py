"""A SAML 2.0 identity provider for the tests, on the loopback: pysaml2's IdP behind a small WSGI
app, run as a separate process (a school's Shibboleth, as valo meets it in a federation).

    python -m valo.accounts.tests.saml_idp CONFIG.json

CONFIG: {"sp_entity_id", "acs_url", "sls_url", "cert_out": path where the IdP writes its
certificate, "users": [{"username", "password", "mail", "givenName", "sn",
"eduPersonPrincipalName", "eduPersonAffiliation"}]}. Prints "READY <port>" once it listens.
Single sign-on by HTTP-Redirect (the response posted back), single logout by HTTP-Redirect. Signs its
assertions with xmlsec1 (Debian's package).
"""

from __future__ import annotations

import datetime
import json
import secrets
import sys
import tempfile
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"


def certificate(home: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.school.test")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = home / "idp.key", home / "idp.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def sp_metadata(config: dict[str, Any]) -> str:
    """The service provider (valo) as the IdP knows it: its entity id, ACS and SLS."""
    return f"""<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
    entityID="{config["sp_entity_id"]}">
  <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="{config["sls_url"]}"/>
    <md:NameIDFormat>{PERSISTENT}</md:NameIDFormat>
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
        Location="{config["acs_url"]}" index="0"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>"""


LOGIN_PAGE = """<!doctype html><html><body><h1>School SAML identity provider</h1>
<form method="post" action="/login">
<input type="hidden" name="pending" value="{pending}">
<label>Username <input name="username" id="idp_username"></label>
<label>Password <input name="password" type="password" id="idp_password"></label>
<button type="submit">Sign in at the SAML provider</button></form></body></html>"""


class Provider:
    def __init__(self, config: dict[str, Any], base: str, home: Path) -> None:
        from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
        from saml2.config import IdPConfig
        from saml2.saml import NAME_FORMAT_URI
        from saml2.server import Server

        key_path, cert_path = certificate(home)
        Path(config["cert_out"]).write_text(cert_path.read_text())
        metadata_path = home / "sp.xml"
        metadata_path.write_text(sp_metadata(config))
        idp_config = IdPConfig()
        idp_config.load(
            {
                "entityid": f"{base}/metadata",
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [(f"{base}/sso", BINDING_HTTP_REDIRECT)],
                            "single_logout_service": [(f"{base}/slo", BINDING_HTTP_REDIRECT)],
                        },
                        "name_id_format": [PERSISTENT],
                        "want_authn_requests_signed": False,
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": 15},
                                "name_form": NAME_FORMAT_URI,
                            }
                        },
                    }
                },
                "key_file": str(key_path),
                "cert_file": str(cert_path),
                "xmlsec_binary": "/usr/bin/xmlsec1",
                "metadata": {"local": [str(metadata_path)]},
            }
        )
        self.server = Server(config=idp_config)
        self.users = {user["username"]: user for user in config["users"]}
        self.sls_url = config["sls_url"]
        self.pending: dict[str, Any] = {}
        self.sessions: dict[str, str] = {}  # cookie -> username
        self.post_binding = BINDING_HTTP_POST
        self.redirect_binding = BINDING_HTTP_REDIRECT

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        path = environ["PATH_INFO"]
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        cookie = SimpleCookie(environ.get("HTTP_COOKIE", ""))
        session = cookie["idp_session"].value if "idp_session" in cookie else ""
        if path == "/sso":
            request = self.server.parse_authn_request(query["SAMLRequest"], self.redirect_binding)
            pending = secrets.token_urlsafe(16)
            self.pending[pending] = (request.message, query.get("RelayState", ""))
            if session in self.sessions:
                return self._respond(pending, self.sessions[session], start_response, session)
            return _page(start_response, LOGIN_PAGE.format(pending=pending))
        if path == "/login" and environ["REQUEST_METHOD"] == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            form = {
                k: v[0] for k, v in parse_qs(environ["wsgi.input"].read(length).decode()).items()
            }
            user = self.users.get(form.get("username", ""))
            if user is None or user["password"] != form.get("password"):
                return _page(start_response, "<h1>Wrong password</h1>", "401 Unauthorized")
            session = secrets.token_urlsafe(16)
            self.sessions[session] = user["username"]
            return self._respond(form["pending"], user["username"], start_response, session)
        if path == "/slo":
            request = self.server.parse_logout_request(query["SAMLRequest"], self.redirect_binding)
            for key in [k for k, v in self.sessions.items() if v == request.message.name_id.text]:
                del self.sessions[key]
            response = self.server.create_logout_response(request.message, [self.redirect_binding])
            http = self.server.apply_binding(
                self.redirect_binding,
                str(response),
                destination=self.sls_url,
                relay_state=query.get("RelayState", ""),
                response=True,
            )
            location = dict(http["headers"])["Location"]
            start_response("302 Found", [("Location", location)])
            return [b""]
        return _page(start_response, "<h1>Not found</h1>", "404 Not Found")

    def _respond(
        self, pending: str, username: str, start_response: Any, session: str
    ) -> list[bytes]:
        from saml2.saml import NameID
        from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

        message, relay_state = self.pending.pop(pending)
        user = self.users[username]
        arguments = self.server.response_args(message, [self.post_binding])
        identity = {
            name: [user[name]]
            for name in (
                "mail",
                "givenName",
                "sn",
                "eduPersonPrincipalName",
                "eduPersonAffiliation",
            )
            if user.get(name)
        }
        response = self.server.create_authn_response(
            identity,
            userid=username,
            name_id=NameID(format=PERSISTENT, text=username),
            authn={
                "class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
            },
            sign_assertion=True,
            sign_response=True,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
            **arguments,
        )
        http = self.server.apply_binding(
            arguments["binding"],
            str(response),
            arguments["destination"],
            relay_state,
            response=True,
        )
        body = http["data"] if isinstance(http["data"], str) else "".join(http["data"])
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Set-Cookie", f"idp_session={session}; Path=/; HttpOnly"),
        ]
        start_response("200 OK", headers)
        return [body.encode()]


def _page(start_response: Any, body: str, status: str = "200 OK") -> list[bytes]:
    start_response(status, [("Content-Type", "text/html; charset=utf-8")])
    return [body.encode()]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def main() -> None:
    config = json.loads(Path(sys.argv[1]).read_text())
    server = make_server("127.0.0.1", 0, lambda e, s: [b""], WSGIServer, QuietHandler)
    port = server.server_address[1]
    provider = Provider(config, f"http://localhost:{port}", Path(tempfile.mkdtemp(prefix="idp-")))
    server.set_app(provider)
    print(f"READY {port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
