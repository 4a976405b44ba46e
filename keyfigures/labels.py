"""What a key figure's trend code says to a reader; the pages and the export both read it
here."""

from django.utils.translation import gettext as _

# Which way a key figure moved, judged by which way is better.
BETTER = "better"
WORSE = "worse"
UNCHANGED = "unchanged"


def trend_label(trend: str) -> str:
    """ "Trend: better" and so on; empty when there are too few values to tell."""
    return {
        BETTER: _("Trend: better"),
        WORSE: _("Trend: worse"),
        UNCHANGED: _("Trend: unchanged"),
    }.get(trend, "")
