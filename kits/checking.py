"""Whether a municipality kit (core.kits) can set up a site: every problem at once, each
naming its file. `manage.py check_kit` prints them; `manage.py start_kit` runs it on the
kit it has just made, so the new kit's own list of what to fill in comes first."""

import io
import re
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db import transaction

from ambassadors.models import Department
from core import kits

#: What a kit's site.yaml must say (core.kits.WORDS and the identity).
SITE_KEYS = (
    "site_name",
    "organisation",
    "municipality_code",
    "organisation_word",
    "organisation_word_genitive",
    "team_name",
    "from_email",
)
LISTS = {
    "departments.yaml": "departments",
    "pages.yaml": "pages",
    "team.yaml": "roles",
    "municipalities.yaml": "municipalities",
}


class _RolledBackError(Exception):
    """Raised to roll a trial load back."""


def problems(kit: kits.Kit) -> list[str]:
    """Everything wrong with ``kit``, as sentences; empty when it loads."""
    found: list[str] = []
    contents = {}
    for name in kits.FILES:
        try:
            contents[name] = kit.read(name)
        except kits.KitError as error:
            found.append(str(error))
    site = contents.get("site.yaml", {})
    found += [f"site.yaml: {key} is empty" for key in SITE_KEYS if name_missing(site, key)]
    if site.get("municipality_code") and not re.fullmatch(r"\d{4}", str(site["municipality_code"])):
        found.append('site.yaml: municipality_code is four digits, e.g. "0583"')
    for name, key in LISTS.items():
        if name in contents and not contents[name].get(key):
            found.append(f"{name}: no {key} yet")
    kinds = set(Department.Kind.values)
    for number, row in enumerate(contents.get("departments.yaml", {}).get("departments") or [], 1):
        if row.get("kind") not in kinds:
            found.append(f"departments.yaml: department {number}: kind is one of {sorted(kinds)}")
    found += _programme_problems(kit, contents.get("frameworks.yaml", {}))
    if not found:
        found += _trial_load(kit)
    return found


def name_missing(mapping: dict, key: str) -> bool:
    return not str(mapping.get(key) or "").strip()


def _programme_problems(kit: kits.Kit, frameworks: dict) -> list[str]:
    files = kit.programme_files
    if not files:
        return ["programmes/: no programme (a folder with programme.yaml and nodes.csv)"]
    known = {entry.get("slug") for entry in frameworks.get("frameworks") or []}
    found = []
    for path in files:
        where = path.relative_to(kit.path)
        try:
            fields = kit.read(str(where))
        except kits.KitError as error:
            found.append(str(error))
            continue
        found.extend(
            f"{where}: {key} is empty"
            for key in ("slug", "name", "municipality", "valid_from")
            if name_missing(fields, key)
        )
        if fields.get("levels") not in (1, 2, 3):
            found.append(f"{where}: levels is 1, 2 or 3")
        found.extend(
            f"{where}: framework {slug!r} is not in frameworks.yaml"
            for slug in sorted(set(fields.get("frameworks") or []) - known)
        )
        nodes = path.parent / "nodes.csv"
        if not nodes.is_file() or len(nodes.read_text(encoding="utf-8").strip().splitlines()) < 2:
            found.append(f"{Path(where).parent / 'nodes.csv'}: no nodes")
    return found


def _trial_load(kit: kits.Kit) -> list[str]:
    """Load the kit over the database and roll it all back: what the import or a model's
    validation refuses, row by row."""
    try:
        with transaction.atomic():
            call_command(
                "load_programme", "--kit", kit.name, "--update", stdout=io.StringIO(), verbosity=0
            )
            raise _RolledBackError
    except _RolledBackError:
        return []
    except CommandError as error:
        return [str(error)]
