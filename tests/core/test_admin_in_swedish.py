"""The admin's import, export, history and lockout screens are in Swedish, though the
libraries behind them (django-import-export, django-simple-history, django-axes) ship no
Swedish: locale/libraries/sv carries it."""

import pytest
from django.urls import reverse

from programme.models import ProgrammeNode

pytestmark = pytest.mark.django_db


def test_the_import_and_export_screens_speak_swedish(client, superuser, loaded):
    client.force_login(superuser)
    imported = client.get(reverse("admin:programme_programmenode_import")).content.decode()
    assert "Fil att importera" in imported and "File to import" not in imported
    exported = client.get(reverse("admin:programme_programmenode_export")).content.decode()
    assert "Format" in exported and "Resource" not in exported


def test_the_history_screen_speaks_swedish(client, superuser, loaded):
    client.force_login(superuser)
    node = ProgrammeNode.objects.get(code="trygghet")
    address = reverse("admin:programme_programmenode_history", args=[node.pk])
    html = client.get(address).content.decode()
    assert "Ändringshistorik" in html or "Historik" in html
    assert "Change history" not in html and "Revert" not in html


def test_the_lockout_records_speak_swedish(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "Inloggningsförsök" in html and "Access attempts" not in html
