"""Each of the project's apps is named once: the settings, ruff's first-party list, mypy's
files and the layer contract all list the same apps (an app missing from one of them is
not sorted, typed or held to the layers)."""

import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _project_apps() -> set[str]:
    return {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == ROOT.resolve()
    }


def test_every_list_of_apps_agrees_with_installed_apps():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    installed = _project_apps() | {"lkp"}
    layers = {
        app.strip()
        for layer in config["tool"]["importlinter"]["contracts"][0]["layers"]
        for app in layer.split("|")
    }
    assert set(config["tool"]["ruff"]["lint"]["isort"]["known-first-party"]) == installed
    assert set(config["tool"]["mypy"]["files"]) == installed
    assert set(config["tool"]["importlinter"]["root_packages"]) == installed
    assert layers == installed


def test_every_app_folder_is_installed():
    folders = {
        path.parent.name for path in ROOT.glob("*/apps.py") if not path.parent.name.startswith(".")
    }
    assert folders == _project_apps()
