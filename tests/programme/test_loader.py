"""`manage.py load_programme`: a municipality kit (data/kits/), idempotent, through the
import path. Helsingborg's kit is the default; Motala's is loaded with --kit motala."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from ambassadors.models import Department
from pages.models import AccessibilityStatement, Page, SiteIdentity
from programme.models import Framework, FrameworkTag, Programme, ProgrammeNode

pytestmark = pytest.mark.django_db

# Seed 001, "Viljeinriktningar och fokusområden", word for word (list full stops dropped).
SEED_001 = {
    "Vi vill ha ett varmt välkomnande": [
        "Vi tar tillvara och utvecklar mångfalden i staden",
        "Vi skapar hem för alla",
        "Vi erbjuder värdefull sysselsättning",
    ],
    "Vi vill ha allas delaktighet": [
        "Vi lyssnar, öppnar upp och delar kunskap",
        "Vi skapar jämställdhet i samhället",
        "Vi ser till barns och ungas perspektiv",
    ],
    "Vi vill ha livslång aktivitet": [
        "Vi har upplevelser för alla sinnen",
        "Vi inspirerar till aktivt och hälsosamt liv",
        "Vi skapar trygghet och säkra miljöer",
    ],
    "Vi vill ha kunskap om värdefulla samband": [
        "Vi ser hela människan",
        "Vi minskar vårt ekologiska fotavtryck",
        "Vi väljer hållbara resor och transporter",
    ],
    "Vi vill ha ett långsiktigt ansvarstagande": [
        "Vi har möjligheter till kontakt med andra människor varje dag",
        "Vi låter ekonomin skapa mervärde",
        "Vi utvecklar landskap som främjar biologisk mångfald",
    ],
}


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_programme", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Programme, ProgrammeNode, Framework, FrameworkTag, Page, Department)
    }


def test_loads_the_five_directions_and_fifteen_focus_areas_as_seed_001_words_them():
    load()
    programme = Programme.objects.get(is_current=True)
    assert programme.name == "Livskvalitetsprogrammet"
    assert (programme.valid_from, programme.valid_to, programme.municipality_code) == (
        2016,
        2024,
        "1283",
    )
    assert programme.definition.startswith("Livskvalitet omfattar individens uppfattning")
    directions = ProgrammeNode.objects.for_programme(programme).directions()
    loaded = {d.title: [c.title for c in ProgrammeNode.objects.get_children(d)] for d in directions}
    assert loaded == SEED_001
    assert list(loaded) == list(SEED_001)  # in the seed's order
    assert not ProgrammeNode.objects.filter(is_example=True).exists()


def test_loads_the_frameworks_pages_and_statement():
    load()
    assert FrameworkTag.objects.filter(framework__slug="agenda-2030").count() == 17
    assert FrameworkTag.objects.filter(framework__slug="folkhalsopolitiken").count() == 8
    assert list(
        FrameworkTag.objects.filter(framework__slug="helsingborg-2035").values_list(
            "name", flat=True
        )
    ) == ["Skapande", "Pulserande", "Gemensam", "Global", "Balanserad"]
    assert FrameworkTag.objects.get(code="folkhalsa-1").name == "Det tidiga livets villkor"
    assert set(Page.objects.values_list("slug", flat=True)) >= {
        "sa-fungerar-programmet",
        "livskvalitetsteamet",
        "ambassadorsnatverket",
    }
    assert AccessibilityStatement.objects.count() == 1


def test_loading_twice_creates_no_duplicates():
    load("--with-examples")
    first = counts()
    output = load("--with-examples")
    assert counts() == first
    assert "30 unchanged" in output
    # Helsingborg's programme with the example priorities; its 13 departments and companies.
    assert first["ProgrammeNode"] == 20 + 30
    assert (first["Programme"], first["Department"]) == (1, 13)


def test_motalas_kit_loads_its_one_level_programme_departments_frameworks_and_words():
    output = load("--kit", "motala")
    assert "Departments and companies: 5 created" in output
    assert Programme.objects.count() == 1
    motala = Programme.objects.get(slug="social-hallbarhet-motala")
    assert (motala.municipality, motala.municipality_code, motala.period) == (
        "Motala kommun",
        "0583",
        "2021–",
    )
    assert motala.status == Programme.Status.ADOPTED and motala.is_current
    assert [node.title for node in motala.nodes.order_by("path")] == [
        "Folkhälsa",
        "Jämlikhet och mänskliga rättigheter",
        "Jämställdhet och våld i nära relationer",
        "Integration och minskad segregation",
    ]
    assert motala.level_name(1, plural=True) == "huvudområden"
    assert (motala.levels, motala.leaf_depth, motala.area_depth, motala.has_groups) == (
        1,
        1,
        1,
        False,
    )
    assert set(motala.frameworks.values_list("slug", flat=True)) == {
        "folkhalsopolitiken",
        "agenda-2030",
    }
    # Only the frameworks its programme works towards: no Vision Helsingborg 2035.
    assert set(Framework.objects.values_list("slug", flat=True)) == {
        "folkhalsopolitiken",
        "agenda-2030",
    }
    assert set(Department.objects.values_list("short_name", flat=True)) == {
        "KLF",
        "SOC",
        "BIF",
        "SBF",
        "TSF",
    }
    identity = SiteIdentity.objects.get()
    assert (identity.organisation, identity.organisation_word, identity.team_name) == (
        "Motala kommun",
        "kommunen",
        "utvecklingsstrategen för social hållbarhet",
    )
    assert set(Page.objects.values_list("slug", flat=True)) == {
        "sa-arbetar-styrgruppen",
        "styrgruppens-medlemmar",
    }
    assert "Styrgruppen fattar beslut om prioritering/rangordning" in motala.body
    assert "Utvecklingsstrateg social hållbarhet – ordförande" in motala.body
    # Roles only: the instructions name no person, and nor does the portal.
    load("--kit", "motala", "--update")
    assert Programme.objects.filter(slug=motala.slug).count() == 1
    assert motala.nodes.count() == 4


def test_a_kit_that_does_not_exist_is_named_with_the_ones_that_do():
    with pytest.raises(CommandError, match="No municipality kit 'umea'.*helsingborg, motala"):
        load("--kit", "umea")


def test_a_programme_of_one_level_takes_no_node_below_its_areas(tmp_path: Path):
    load("--kit", "motala")
    path = tmp_path / "djupare.csv"
    path.write_text(
        "programme,code,parent,title\nsocial-hallbarhet-motala,barn,folkhalsa,Barns hälsa\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="row 1: parent: ”folkhalsa” ligger på .* lägsta nivå"):
        load("--kit", "motala", "--nodes", str(path))
    assert not ProgrammeNode.objects.filter(code="barn").exists()


def test_staff_edits_survive_a_reload_unless_update_is_asked_for():
    load()
    node = ProgrammeNode.objects.get(code="trygghet")
    ProgrammeNode.objects.filter(pk=node.pk).update(title="Ändrad av teamet")
    load()
    assert ProgrammeNode.objects.get(pk=node.pk).title == "Ändrad av teamet"
    load("--update")
    assert ProgrammeNode.objects.get(pk=node.pk).title == "Vi skapar trygghet och säkra miljöer"


def test_examples_are_loaded_only_when_asked_for_and_are_marked():
    load()
    assert ProgrammeNode.objects.priorities().count() == 0
    load("--with-examples")
    priorities = ProgrammeNode.objects.priorities()
    assert priorities.count() == 30
    assert all(p.is_example for p in priorities)
    assert ProgrammeNode.objects.get(code="aktivdag").tags.filter(code="folkhalsa-6").exists()


def test_the_teams_priorities_load_from_a_file(tmp_path: Path):
    load()
    path = tmp_path / "prioriteringar.csv"
    path.write_text(
        "programme,code,parent,title\n"
        "livskvalitetsprogrammet-2016-2024,simskola,aktivt-liv,Simkunnighet för alla barn\n",
        encoding="utf-8",
    )
    load("--nodes", str(path))
    node = ProgrammeNode.objects.get(code="simskola")
    assert (node.depth, node.kind, node.is_example) == (3, "priority", False)


def test_a_bad_file_loads_nothing_and_names_the_rows(tmp_path: Path):
    load()
    before = counts()
    path = tmp_path / "bad.csv"
    path.write_text(
        "programme,code,parent,title\n"
        "livskvalitetsprogrammet-2016-2024,bra,aktivt-liv,En bra rad\n"
        "livskvalitetsprogrammet-2016-2024,saknas,finns-inte,Okänd förälder\n"
        "livskvalitetsprogrammet-2016-2024,för djup,bra,Fjärde nivån\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        load("--nodes", str(path))
    assert "row 2" in str(error.value)
    assert "finns-inte" in str(error.value)
    assert "row 3" in str(error.value)
    assert counts() == before
    assert not ProgrammeNode.objects.filter(code="bra").exists()
