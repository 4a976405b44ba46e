"""Municipality kits: one folder per municipality under data/kits/ (README, "A municipality
sets the portal up for itself"), chosen by the MUNICIPALITY setting.

A kit holds what makes the portal a municipality's own: its identity and words
(``site.yaml``), departments and companies, programmes, frameworks, pages, accessibility
statement and the municipalities its key figures are compared with; optionally ``examples/``.
This module only finds and reads the files: the loaders (``manage.py load_programme``) and
the check (``manage.py check_kit``) live in the kits app. It imports nothing of Django's
models, so that the settings can read a kit's defaults.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

KITS_DIR = Path(__file__).resolve().parent.parent / "data" / "kits"
DEFAULT = "helsingborg"

#: The files every kit has, and what each holds.
FILES = {
    "site.yaml": "the site's name, the municipality and its code, the organisation's words",
    "departments.yaml": "the departments and companies",
    "frameworks.yaml": "the frameworks the programmes work towards",
    "pages.yaml": "the pages about how the work is done",
    "accessibility.yaml": "the accessibility statement",
    "municipalities.yaml": "the municipalities the key figures are followed for",
    "team.yaml": "the roles in the team that reviews and publishes",
}

#: The organisation's words in site.yaml, as templates and messages use them (pages.words).
WORDS = (
    "organisation_word",
    "organisation_word_genitive",
    "team_name",
)


class KitError(Exception):
    """A kit that does not exist or cannot be read; the message says which and why."""


@dataclass(frozen=True)
class Kit:
    name: str
    path: Path

    def file(self, name: str) -> Path:
        return self.path / name

    def read(self, name: str) -> dict:
        path = self.file(name)
        try:
            with path.open(encoding="utf-8") as handle:
                content = yaml.safe_load(handle)
        except FileNotFoundError:
            raise KitError(f"{path}: missing ({FILES.get(name, name)})") from None
        except yaml.YAMLError as error:
            raise KitError(f"{path}: not valid YAML: {error}") from None
        if not isinstance(content, dict):
            raise KitError(f"{path}: expected a mapping of names to values")
        return content

    @property
    def programme_files(self) -> list[Path]:
        return sorted((self.path / "programmes").glob("*/programme.yaml"))

    @property
    def examples(self) -> Path:
        return self.path / "examples"

    @property
    def has_examples(self) -> bool:
        return self.examples.is_dir()


def names() -> list[str]:
    return sorted(path.name for path in KITS_DIR.iterdir() if (path / "site.yaml").is_file())


def named(name: str) -> Kit:
    path = KITS_DIR / name
    if not name or "/" in name or not (path / "site.yaml").is_file():
        raise KitError(
            f"No municipality kit {name!r} in {KITS_DIR} (there are: {', '.join(names())}). "
            f"Start one with `manage.py start_kit {name or '<name>'}`."
        )
    return Kit(name, path)


def active() -> Kit:
    """The kit the MUNICIPALITY setting names."""
    from django.conf import settings

    return named(settings.MUNICIPALITY)


@cache
def site_defaults(name: str) -> dict:
    """The identity in a kit's site.yaml: the settings' defaults before one is saved."""
    return named(name).read("site.yaml")


@cache
def team_roles(name: str) -> list[dict]:
    """The roles of a kit's team.yaml, in its order: code, name, description (and _en)."""
    return named(name).read("team.yaml")["roles"]
