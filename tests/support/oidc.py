"""The OpenID Connect provider of the single sign-on tests (tests/oidc_provider), started
in its own process, and what a person's browser does at it."""

import json
import subprocess
import sys
from contextlib import contextmanager
from urllib.parse import parse_qs, urljoin, urlsplit

import requests
from django.conf import settings

CLIENT_ID, CLIENT_SECRET = "lkp-portal-test", "a-test-client-secret"
PROVIDER_PASSWORD = "provider-password"
#: The provider's people and the claims it gives about them.
PEOPLE = {
    "anna": {"email": "Anna@Example.se", "email_verified": True, "name": "Anna A", "amr": ["pwd"]},
    "teamlead": {
        "email": "teamlead@example.se",
        "email_verified": True,
        "groups": ["lkp-team", "all-staff"],
        "amr": ["pwd", "mfa"],
    },
    "teampwd": {"email": "teampwd@example.se", "email_verified": True, "groups": ["lkp-team"]},
    "admins": {"email": "admins@example.se", "email_verified": True, "groups": ["admins"]},
    "stranger": {"email": "stranger@example.se", "email_verified": True},
    "unverified": {"email": "unverified@example.se", "email_verified": False},
    "nora": {"email": "nora@example.se", "email_verified": True},
}
#: The portal's callbacks the provider accepts: the test client's, and the live server's
#: (any port on a loopback address, RFC 8252).
REDIRECT_URIS = [
    "http://testserver/accounts/sso/tillbaka/",
    "http://127.0.0.1/accounts/sso/tillbaka/",
    "http://localhost/accounts/sso/tillbaka/",
]


@contextmanager
def running_provider(workdir):
    """The provider's issuer address, while its process runs."""
    people = workdir / "people.json"
    people.write_text(
        json.dumps(
            {name: {**claims, "password": PROVIDER_PASSWORD} for name, claims in PEOPLE.items()}
        )
    )
    command = [
        sys.executable,
        "-m",
        "tests.oidc_provider",
        "--port=0",
        f"--people={people}",
        f"--client-id={CLIENT_ID}",
        f"--client-secret={CLIENT_SECRET}",
        *(f"--redirect-uri={uri}" for uri in REDIRECT_URIS),
    ]
    process = subprocess.Popen(command, cwd=settings.BASE_DIR, stdout=subprocess.PIPE, text=True)  # noqa: S603
    try:
        line = process.stdout.readline()
        assert line.startswith("issuer "), f"the provider did not start: {line!r}"
        yield line.split()[1]
    finally:
        process.terminate()
        process.wait(10)


def at_provider(authorize_url, username):
    """What the person's browser does at the provider: open the authorize address, log in
    on the provider's page, and come back with the redirect to the portal (returned)."""
    browser = requests.Session()
    response = browser.get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:500]
    login_url = urljoin(authorize_url, response.headers["Location"])
    page = browser.get(login_url, timeout=10)
    assert page.status_code == 200
    response = browser.post(
        login_url,
        {
            "username": username,
            "password": PROVIDER_PASSWORD,
            "next": parse_qs(urlsplit(login_url).query)["next"][0],
            "csrfmiddlewaretoken": browser.cookies["provider_csrftoken"],
        },
        headers={"Referer": login_url},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    response = browser.get(
        urljoin(login_url, response.headers["Location"]), allow_redirects=False, timeout=10
    )
    assert response.status_code == 302, response.text[:500]
    return response.headers["Location"]
