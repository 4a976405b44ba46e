"""The site's icons: /favicon.ico at the root (browsers ask for it on their own) and the
icons every page's head names."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_favicon_is_served_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_every_page_names_icons_that_exist(client, loaded):
    head = client.get("/").content.decode()
    icons = re.findall(r'<link rel="(?:icon|apple-touch-icon)" href="([^"]+)"', head)
    assert len(icons) == 2
    for address in icons:
        response = client.get(address)
        assert response.status_code == 200, address
        assert response["Content-Type"].startswith("image/"), address
