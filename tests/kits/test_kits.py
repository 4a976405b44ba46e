"""Municipality kits (core.kits, the kits app): one setting chooses one; a new one starts
from the template and is checked, with every problem named at once."""

import io
import shutil

import pytest
from django.core.management import CommandError, call_command

from core import kits
from kits.checking import problems

pytestmark = pytest.mark.django_db


def test_both_kits_that_ship_are_ready():
    for name in ("helsingborg", "motala"):
        assert problems(kits.named(name)) == [], name


def test_a_new_kit_starts_from_the_template_with_what_to_fill_in(settings):
    out = io.StringIO()
    try:
        call_command("start_kit", "testkommun", stdout=out)
        said = out.getvalue()
        assert "site.yaml: site_name is empty" in said
        assert "departments.yaml: no departments yet" in said
        assert "programmes/programme/nodes.csv: no nodes" in said
        with pytest.raises(CommandError, match="not ready"):
            call_command("check_kit", "testkommun")
        with pytest.raises(CommandError, match="exists already"):
            call_command("start_kit", "testkommun")
    finally:
        shutil.rmtree(kits.KITS_DIR / "testkommun", ignore_errors=True)


def test_a_kit_whose_rows_do_not_load_is_named_row_by_row(tmp_path, monkeypatch):
    copy = tmp_path / "kits"
    shutil.copytree(kits.KITS_DIR / "motala", copy / "trasig")
    nodes = copy / "trasig" / "programmes" / "social-hallbarhet-motala" / "nodes.csv"
    nodes.write_text(
        nodes.read_text(encoding="utf-8")
        + "social-hallbarhet-motala,barn,folkhalsa,,Barns hälsa,,,,,,,0\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(kits, "KITS_DIR", copy)
    (found,) = problems(kits.named("trasig"))
    assert "row 5" in found and "lägsta nivå" in found


def test_an_unknown_kit_in_the_setting_is_a_clear_error(settings):
    settings.MUNICIPALITY = "atlantis"
    with pytest.raises(CommandError, match="No municipality kit 'atlantis'.*helsingborg, motala"):
        call_command("check_kit")


def test_frameworks_follow_the_programmes_that_use_them(client, loaded):
    # Helsingborg's site beside Motala's programme (the tests' second municipality): the
    # frameworks page lists those of published programmes; Motala's filters offer only its own.
    from programme.models import Framework, FrameworkTag, Programme

    motala = Programme.objects.get(slug="social-hallbarhet-motala")
    Framework.objects.create(slug="ingen", name="Används inte", position=9)
    assert "Används inte" not in client.get("/ramverk/").content.decode()
    offered = FrameworkTag.objects.of_programme(motala).values_list("framework__slug", flat=True)
    assert set(offered) == {"agenda-2030", "folkhalsopolitiken"}
