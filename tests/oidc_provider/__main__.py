"""``python -m tests.oidc_provider``: set up the test provider and serve it on 127.0.0.1.

It prints one line ``issuer <address>`` once it listens (the tests wait for it), then the
portal's settings to use it."""

import argparse
import json
import os
import secrets
import sys
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8001, help="0: any free port")
    parser.add_argument("--people", type=Path, required=True, help="a JSON file of people")
    parser.add_argument("--client-id", default="lkp-portal")
    parser.add_argument("--client-secret", default="lkp-test-provider-secret")
    parser.add_argument(
        "--redirect-uri",
        action="append",
        default=[],
        help="the portal's callback; any port on 127.0.0.1 is accepted (RFC 8252)",
    )
    args = parser.parse_args()
    people = json.loads(args.people.read_text(encoding="utf-8"))

    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass

    server = ThreadedWSGIServer(("127.0.0.1", args.port), QuietHandler)
    port = server.server_port
    issuer = f"http://127.0.0.1:{port}/o"
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    workdir = tempfile.mkdtemp(prefix="lkp-provider-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="tests.oidc_provider.settings",
        PROVIDER_SECRET_KEY=secrets.token_urlsafe(40),
        PROVIDER_DATABASE=str(Path(workdir) / "provider.sqlite3"),
        PROVIDER_PEOPLE=json.dumps(people),
        PROVIDER_ISSUER=issuer,
        PROVIDER_RSA_KEY=key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode(),
    )

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0, interactive=False)
    for username, person in people.items():
        User.objects.create_user(
            username, email=person.get("email", ""), password=person["password"]
        )
    Application.objects.create(
        name="LKP portal",
        client_id=args.client_id,
        client_secret=args.client_secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM,
        redirect_uris=" ".join(args.redirect_uri or ["http://127.0.0.1/accounts/sso/tillbaka/"]),
        skip_authorization=True,
    )

    from django.core.wsgi import get_wsgi_application

    server.set_app(get_wsgi_application())
    print(f"issuer {issuer}", flush=True)
    print(
        f"# the portal's settings for this provider:\n"
        f"OIDC_ISSUER={issuer} OIDC_CLIENT_ID={args.client_id} "
        f"OIDC_CLIENT_SECRET={args.client_secret} OIDC_PROVIDER_NAME=Testinloggning "
        f"OIDC_GROUPS_CLAIM=groups OIDC_ROLE_MAP=lkp-team=Livskvalitetsteamet",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        sys.exit(0)


if __name__ == "__main__":
    main()
