"""Backup and restore of the whole portal: the PostgreSQL database (pg_dump's custom format)
and the files (MEDIA_ROOT, and the private files: image originals, exports), in one dated
tar archive with a manifest of row counts per table and a SHA-256 of every file.

A restore checks the whole archive against its manifest before it touches anything, goes
only into an empty database and empty file folders, and ends by comparing the restored
row counts and checksums with the manifest.
"""

import hashlib
import io
import json
import os
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

MANIFEST = "manifest.json"
DUMP = "database.dump"
#: Folders of files in the archive, and the setting that says where each lives.
FOLDERS = {"media": "MEDIA_ROOT", "private": "PRIVATE_FILES_ROOT"}
FORMAT = 1


class BackupError(Exception):
    """The backup or the restore cannot go on; the message says why."""


@dataclass
class Summary:
    archive: Path
    tables: int
    rows: int
    files: int
    size: int


#: The archives' names: lkp-backup-YYYYMMDD-HHMMSS.tar.
ARCHIVE_NAME = re.compile(r"^lkp-backup-(\d{8}-\d{6})\.tar$")


def kept(names: list[str], *, daily: int, weekly: int, monthly: int) -> set[str]:
    """The archives a rotation keeps: the newest of each of the last ``daily`` days, ISO
    weeks and months that have one (a newer period's archive never stands for an older
    one). Names that are not archives are not the rotation's business and are kept."""
    dated = {}
    for name in names:
        match = ARCHIVE_NAME.match(name)
        if match:
            dated[name] = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")  # noqa: DTZ007
    keep = set(names) - set(dated)
    newest_first = sorted(dated, key=dated.__getitem__, reverse=True)
    for count, period in (
        (daily, lambda moment: moment.date()),
        (weekly, lambda moment: moment.isocalendar()[:2]),
        (monthly, lambda moment: (moment.year, moment.month)),
    ):
        seen: list[object] = []
        for name in newest_first:
            key = period(dated[name])
            if key not in seen:
                if len(seen) == count:
                    break
                seen.append(key)
                keep.add(name)
    return keep


def prune(directory: Path, *, daily: int, weekly: int, monthly: int) -> list[Path]:
    """Remove the archives in ``directory`` that the rotation does not keep; those removed."""
    names = [path.name for path in directory.iterdir() if path.is_file()]
    keep = kept(names, daily=daily, weekly=weekly, monthly=monthly)
    removed = [directory / name for name in sorted(set(names) - keep)]
    for path in removed:
        path.unlink()
    return removed


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _postgres() -> dict[str, str]:
    if connection.vendor != "postgresql":
        raise BackupError(
            "Backup and restore need PostgreSQL (DATABASE_URL); an SQLite file is copied "
            "with `sqlite3 db.sqlite3 .backup copy.sqlite3`."
        )
    config = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": config.get("PASSWORD") or ""}
    env.update(
        PGHOST=config.get("HOST") or "",
        PGPORT=str(config.get("PORT") or ""),
        PGUSER=config.get("USER") or "",
        PGDATABASE=config["NAME"],
    )
    return {key: value for key, value in env.items() if value != ""}


def row_counts() -> dict[str, int]:
    """Rows in every table of the database, by table name."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def _files() -> dict[str, Path]:
    """Every file to keep, by its name in the archive."""
    found = {}
    for folder, setting in FOLDERS.items():
        root = Path(getattr(settings, setting))
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    found[f"{folder}/{path.relative_to(root).as_posix()}"] = path
    return found


def backup(directory: Path) -> Summary:
    """Write ``lkp-backup-<date>-<time>.tar`` into ``directory``."""
    env = _postgres()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = directory / f"lkp-backup-{stamp}.tar"
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP
        # The counts and the dump see the same snapshot: pg_dump's own transaction is
        # serialisable, and the counts are read just before it; writes in between would
        # show as a count that differs at restore, which the restore then reports.
        counts = row_counts()
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={dump}"], env)
        files = _files()
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "release": settings.RELEASE,
            "tables": counts,
            "files": {name: _sha256(path) for name, path in files.items()},
            "database": _sha256(dump),
        }
        partial = archive.with_suffix(".tar.partial")
        with tarfile.open(partial, "w") as tar:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(timezone.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname=DUMP)
            for name, path in files.items():
                tar.add(path, arcname=name)
        partial.rename(archive)  # a backup cut short never looks complete
    return Summary(archive, len(counts), sum(counts.values()), len(files), archive.stat().st_size)


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:1000]}")


def _read(archive: Path, work: Path) -> dict:
    """Unpack ``archive`` into ``work`` and check every member against the manifest."""
    try:
        with tarfile.open(archive) as tar:
            tar.extractall(work, filter="data")  # no absolute paths, links or devices
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"The archive cannot be read: {error}") from None
    try:
        manifest = json.loads((work / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupError("The archive has no readable manifest.") from None
    problems = []
    dump = work / DUMP
    if not dump.is_file() or _sha256(dump) != manifest.get("database"):
        problems.append("the database dump is missing or damaged")
    for name, checksum in manifest.get("files", {}).items():
        path = work / name
        if not path.is_file() or _sha256(path) != checksum:
            problems.append(f"{name} is missing or damaged")
    listed = set(manifest.get("files", {}))
    present = {
        path.relative_to(work).as_posix()
        for folder in FOLDERS
        for path in (work / folder).rglob("*")
        if path.is_file()
    }
    problems.extend(f"{name} is not in the manifest" for name in sorted(present - listed))
    if problems:
        raise BackupError("The archive is damaged: " + "; ".join(problems[:20]))
    return manifest


def restore(archive: Path) -> Summary:
    """Restore ``archive`` into the (empty) database and file folders of the settings."""
    env = _postgres()
    with connection.cursor() as cursor:
        if connection.introspection.table_names(cursor):
            raise BackupError(
                f"The database {connection.settings_dict['NAME']} is not empty: restore into "
                "an empty one (createdb), then point DATABASE_URL at it."
            )
    for setting in FOLDERS.values():
        root = Path(getattr(settings, setting))
        if root.is_dir() and any(root.iterdir()):
            raise BackupError(f"{setting} ({root}) is not empty: restore into an empty folder.")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        manifest = _read(archive, work)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                f"--dbname={env['PGDATABASE']}",
                str(work / DUMP),
            ],
            env,
        )
        for folder, setting in FOLDERS.items():
            source, target = work / folder, Path(getattr(settings, setting))
            if source.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                for path in sorted(source.rglob("*")):
                    destination = target / path.relative_to(source)
                    if path.is_dir():
                        destination.mkdir(parents=True, exist_ok=True)
                    else:
                        destination.parent.mkdir(parents=True, exist_ok=True)
                        path.replace(destination)
    connection.close()  # read the restored catalogue afresh
    counts = row_counts()
    if counts != manifest["tables"]:
        differ = sorted(
            table
            for table in set(counts) | set(manifest["tables"])
            if counts.get(table) != manifest["tables"].get(table)
        )
        raise BackupError(f"Restored, but the row counts differ in: {', '.join(differ[:20])}")
    restored = _files()
    if {name: _sha256(path) for name, path in restored.items()} != manifest["files"]:
        raise BackupError("Restored, but the files differ from the manifest.")
    return Summary(
        archive, len(counts), sum(counts.values()), len(restored), archive.stat().st_size
    )
