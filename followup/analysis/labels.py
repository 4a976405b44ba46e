"""What the analysis's codes say to a reader: the reasons an area is named "to work more
on", and a key figure's trend. The pages and the export both read them here."""

from django.utils.translation import gettext as _

# Why a focus area is named "to work more on".
LOWEST = "lowest"
NO_INITIATIVES = "no_initiatives"

# Which way a key figure moved, judged by which way is better.
BETTER = "better"
WORSE = "worse"
UNCHANGED = "unchanged"


def reason_label(reason: str, score: int | None) -> str:
    if reason == LOWEST:
        return _("The department's lowest self-assessment (%(score)s).") % {"score": score}
    return _("Rated relevant, but no published initiative is linked.")


def reasons_text(reasons: list[str], score: int | None) -> str:
    return " ".join(reason_label(reason, score) for reason in reasons)


def trend_label(trend: str) -> str:
    """ "Trend: better" and so on; empty when there are too few values to tell."""
    return {
        BETTER: _("Trend: better"),
        WORSE: _("Trend: worse"),
        UNCHANGED: _("Trend: unchanged"),
    }.get(trend, "")
