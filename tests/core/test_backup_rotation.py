"""The nightly backup's rotation (core.backup.kept/prune, `backup --keep-*`)."""

from datetime import datetime, timedelta

import pytest
from django.core.management import CommandError, call_command

from core import backup


def nightly(days, *, until=datetime(2027, 6, 30, 2, 30)):  # noqa: DTZ001 - names carry local time
    return [
        f"lkp-backup-{(until - timedelta(days=n)).strftime('%Y%m%d-%H%M%S')}.tar"
        for n in range(days)
    ]


def test_a_year_of_nightly_archives_keeps_14_days_8_weeks_and_12_months():
    names = nightly(400)
    kept = backup.kept(names, daily=14, weekly=8, monthly=12)
    assert set(nightly(14)) <= kept  # the last fortnight, every night
    weeks = {
        datetime.strptime(n[11:26], "%Y%m%d-%H%M%S").isocalendar()[:2]  # noqa: DTZ007
        for n in kept
    }
    months = {n[11:17] for n in kept}
    assert len(weeks) >= 8 and len(months) == 12
    assert "lkp-backup-20260630-023000.tar" not in kept  # 13 months ago
    # 14 days, then the weeks and months they do not cover: 14 + 6 + 10 archives.
    assert len(kept) == 30


def test_the_newest_of_a_period_is_kept_and_other_files_are_left_alone(tmp_path):
    names = [
        "lkp-backup-20270630-023000.tar",
        "lkp-backup-20270630-120000.tar",  # a second one that day, by hand: the newer stays
        "lkp-backup-20270629-023000.tar.partial",
        "notes.txt",
    ]
    for name in names:
        (tmp_path / name).write_text("x")
    removed = backup.prune(tmp_path, daily=1, weekly=0, monthly=0)
    assert [path.name for path in removed] == ["lkp-backup-20270630-023000.tar"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[1:])


def test_a_negative_count_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(CommandError, match="take 0 or more"):
        call_command("backup", "--output", str(tmp_path), "--keep-daily", "-1")
    assert list(tmp_path.iterdir()) == []
