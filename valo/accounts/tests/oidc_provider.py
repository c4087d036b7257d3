"""An OpenID Connect provider for the tests, on the loopback: django-oauth-toolkit's own provider in a
Django of its own, run as a separate process (a school's identity provider, as valo meets it).

    python -m valo.accounts.tests.oidc_provider CONFIG.json

CONFIG: {"port": 0, "client_id", "secret", "redirect_uris": [...], "post_logout_redirect_uris": [...],
"users": [{"username", "password", "email", "given_name", "family_name", "eduPersonAffiliation"}]}.
Prints "READY <port>" once it listens. Its cookies have their own names: valo and the provider
share the loopback host.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import django
from django.conf import settings

LOGIN_PAGE = """<!doctype html><html><body><h1>School identity provider</h1>
<form method="post">{% csrf_token %}{{ form.as_p }}<input type="hidden" name="next" value="{{ next }}">
<button type="submit">Sign in at the provider</button></form></body></html>"""
LOGOUT_PAGE = """<!doctype html><html><body><h1>Sign out of the provider</h1>
<form method="post">{% csrf_token %}{{ form.as_p }}
<button type="submit" name="allow" value="Logout">Sign out at the provider</button></form></body></html>"""


def claims_of(config: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {user["username"]: user for user in config["users"]}


def configure(config: dict[str, Any], key_pem: str, home: Path) -> None:
    settings.configure(
        DEBUG=True,
        SECRET_KEY="provider-for-tests-only",
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "oauth2_provider",
        ],
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
        ],
        DATABASES={
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(home / "idp.sqlite3")}
        },
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {
                    "loaders": [
                        (
                            "django.template.loaders.locmem.Loader",
                            {
                                "registration/login.html": LOGIN_PAGE,
                                "oauth2_provider/logout_confirm.html": LOGOUT_PAGE,
                            },
                        ),
                        "django.template.loaders.app_directories.Loader",
                    ],
                    "context_processors": ["django.template.context_processors.request"],
                },
            }
        ],
        SESSION_COOKIE_NAME="provider_session",
        CSRF_COOKIE_NAME="provider_csrftoken",
        LOGIN_URL="/login/",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        USE_TZ=True,
        OAUTH2_PROVIDER={
            "OIDC_ENABLED": True,
            "OIDC_RSA_PRIVATE_KEY": key_pem,
            "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
            "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": True,
            "OAUTH2_VALIDATOR_CLASS": f"{__name__}.SchoolValidator",
            "SCOPES": {"openid": "OpenID Connect", "profile": "Profile", "email": "E-mail"},
            "PKCE_REQUIRED": True,
        },
        CLAIMS=claims_of(config),
    )


urlpatterns: list[Any] = []
SchoolValidator: Any = None


def build() -> None:
    """The provider's URLs and its claims (what a school's directory asserts of a person)."""
    global SchoolValidator
    from django.contrib.auth import views as auth_views
    from django.urls import include, path
    from oauth2_provider.oauth2_validators import OAuth2Validator

    class Validator(OAuth2Validator):
        oidc_claim_scope = {
            **OAuth2Validator.oidc_claim_scope,
            "eduPersonAffiliation": "profile",
            "eduPersonPrincipalName": "profile",
        }

        def get_additional_claims(self, request: Any) -> dict[str, Any]:
            user = request.user
            found = settings.CLAIMS.get(user.username, {})
            return {
                "email": found.get("email", ""),
                "email_verified": True,
                "given_name": found.get("given_name", ""),
                "family_name": found.get("family_name", ""),
                "name": f"{found.get('given_name', '')} {found.get('family_name', '')}".strip(),
                "preferred_username": user.username,
                "eduPersonPrincipalName": found.get("eppn", ""),
                "eduPersonAffiliation": found.get("eduPersonAffiliation", ""),
            }

    SchoolValidator = Validator
    urlpatterns[:] = [
        path("login/", auth_views.LoginView.as_view(), name="login"),
        path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    ]


def main() -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    config = json.loads(Path(sys.argv[1]).read_text())
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    home = Path(tempfile.mkdtemp(prefix="valo-idp-"))
    configure(config, key_pem, home)
    django.setup()
    build()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for user in config["users"]:
        User.objects.create_user(user["username"], user.get("email", ""), user["password"])
    Application.objects.create(
        name="valo",
        client_id=config["client_id"],
        client_secret=config["secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(config["redirect_uris"]),
        post_logout_redirect_uris=" ".join(config["post_logout_redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadedWSGIServer(("127.0.0.1", config.get("port", 0)), QuietHandler)
    server.set_app(get_wsgi_application())
    print(f"READY {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
