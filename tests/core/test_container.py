"""The container image's build, without pulling an image (this CI reaches no registry):
.containerignore keeps what must not be in the image out of the build context, and the
Containerfile's own steps (its ENV, its COPY of the context, its collectstatic) run on a
copy of that context. Before: collectstatic failed (production's settings require
EMAIL_URL), and with no ignore file `COPY . .` took .venv, db.sqlite3, .env and media/."""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.servers import BASE_DIR

CONTAINERFILE = BASE_DIR / "deploy" / "Containerfile"


def instructions() -> list[tuple[str, str]]:
    """The Containerfile's instructions, continuation lines joined, comments left out."""
    text = re.sub(r"\\\n\s*", " ", CONTAINERFILE.read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [tuple(line.split(None, 1)) for line in lines if line and not line.startswith("#")]


def ignore_patterns() -> list[re.Pattern]:
    patterns = []
    for line in (BASE_DIR / ".containerignore").read_text().splitlines():
        line = line.strip().lstrip("/")
        if not line or line.startswith("#"):
            continue
        regex = re.escape(line).replace(r"\*\*/", "(?:.*/)?").replace(r"\*", "[^/]*")
        patterns.append(re.compile(regex.replace(r"\?", "[^/]") + "$"))
    return patterns


def ignored(path: str, patterns) -> bool:
    """As the builders read the file: a pattern matches a path from the context's root,
    and a folder it matches is left out whole."""
    parts = path.split("/")
    prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    return any(pattern.match(prefix) for prefix in prefixes for pattern in patterns)


def test_the_build_context_leaves_out_the_environment_databases_secrets_and_media():
    patterns = ignore_patterns()
    for path in [
        ".venv/bin/python",
        "db.sqlite3",
        "db.sqlite3-journal",
        ".env",
        "deploy/lkp.env",
        "media/initiatives/photo.jpg",
        "var/files/exports/2025.xlsx",
        "staticfiles/css/site.css",
        ".git/config",
        "core/__pycache__/views.cpython-312.pyc",
        "tests/conftest.py",
        "tmp/pytest-of-root/x",
    ]:
        assert ignored(path, patterns), path
    for path in [
        "manage.py",
        "lkp/settings/production.py",
        "deploy/gunicorn.conf.py",
        "requirements/base.txt",
        "locale/sv/LC_MESSAGES/django.mo",
        "static/css/site.css",
        "data/kits/helsingborg/site.yaml",
        "templates/base.html",
        ".env.example",
    ]:
        assert not ignored(path, patterns), path
    assert os.readlink(BASE_DIR / ".dockerignore") == ".containerignore"


def build_context(target: Path) -> None:
    patterns = ignore_patterns()
    for root, folders, files in os.walk(BASE_DIR):
        relative = Path(root).relative_to(BASE_DIR).as_posix()
        relative = "" if relative == "." else relative + "/"
        folders[:] = [f for f in folders if not ignored(relative + f, patterns)]
        for name in files:
            if not ignored(relative + name, patterns):
                (target / relative).mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(root) / name, target / relative / name, follow_symlinks=False)


def test_the_containerfiles_steps_collect_the_static_files_from_the_build_context(tmp_path):
    context = tmp_path / "srv-lkp"
    build_context(context)
    assert not (context / ".venv").exists() and not (context / "tests").exists()
    steps = instructions()
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(tmp_path)}
    for instruction, argument in steps:
        if instruction == "ENV":
            env |= dict(pair.split("=", 1) for pair in shlex.split(argument))
    assert env["DJANGO_SETTINGS_MODULE"] == "lkp.settings.production"
    env["STATIC_ROOT"] = str(tmp_path / "staticfiles")  # the image's /srv/lkp/staticfiles
    [collect] = [a for i, a in steps if i == "RUN" and "collectstatic" in a]
    command = next(part for part in collect.split("&&") if "collectstatic" in part)
    result = subprocess.run(  # noqa: S602 - the Containerfile's own step, as the build runs it
        command.replace("python ", f"{sys.executable} ", 1),
        shell=True,
        cwd=context,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    manifest = tmp_path / "staticfiles" / "staticfiles.json"
    assert manifest.exists() and '"css/site.css"' in manifest.read_text()
    assert list((tmp_path / "staticfiles" / "css").glob("site.*.css.gz"))  # compressed too
