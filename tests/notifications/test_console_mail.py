"""On `make run`, e-mails go to the console as a person reads them, linking to the address
served: the invitation's link whole on one line, on ADDRESS's port."""

import io
import subprocess
from pathlib import Path

from django.core.mail import EmailMultiAlternatives

from notifications.console import EmailBackend

LINK = "http://127.0.0.1:8123/accounts/inbjudan/MTI/cz9k1x-0123456789abcdef0123456789abcdef/"


def test_the_console_prints_the_text_with_its_link_whole():
    stream = io.StringIO()
    message = EmailMultiAlternatives(
        "Välkommen som ambassadör", f"Hej Åsa,\n\nVälj ditt lösenord här:\n{LINK}\n", to=["a@b.se"]
    )
    message.attach_alternative("<p>Hej</p>", "text/html")
    EmailBackend(stream=stream).send_messages([message])
    printed = stream.getvalue()
    assert f"\n{LINK}\n" in printed and "Hej Åsa," in printed
    assert "Subject: Välkommen som ambassadör" in printed and "=\n" not in printed
    assert "[and the same as text/html]" in printed


def test_make_run_links_the_mails_to_the_address_it_serves():
    root = Path(__file__).resolve().parents[2]
    dry = subprocess.run(  # noqa: S603
        ["make", "-n", "run", "ADDRESS=127.0.0.1:8123"],  # noqa: S607
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert 'SITE_URL="${SITE_URL:-http://127.0.0.1:8123}"' in dry
