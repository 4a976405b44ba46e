"""The published method: every threshold the analysis uses, read from the constants the
code itself uses at the moment the page is drawn, so that the page cannot drift from it."""

from dataclasses import dataclass
from decimal import Decimal

from keyfigures import progress

from ..models import SCORE_HELP, Score
from . import alignment


@dataclass(frozen=True)
class Method:
    scale: list[tuple[int, str, str]]  # value, label, what it means
    relevant_from: int
    established: int
    pointers: int
    substantial: Decimal  # per cent
    moderate: Decimal
    limited: Decimal
    trend_years: int
    trend_tolerance: Decimal  # per cent a year
    statuses: list[tuple[str, str]]


def method() -> Method:
    return Method(
        scale=[(score.value, str(score.label), str(SCORE_HELP[score])) for score in Score],
        relevant_from=Score.NOT_STARTED.value,
        established=int(alignment.ESTABLISHED),
        pointers=alignment.POINTERS,
        substantial=progress.SUBSTANTIAL * 100,
        moderate=progress.MODERATE * 100,
        limited=progress.LIMITED * 100,
        trend_years=progress.TREND_YEARS,
        trend_tolerance=progress.TREND_TOLERANCE * 100,
        statuses=[(status.value, str(status.label)) for status in progress.Status],
    )
