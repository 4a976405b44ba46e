"""What the analysis's codes say to a reader: the reasons an area is named "to work more
on". The pages and the export both read them here (a key figure's trend words are in
keyfigures.labels)."""

from django.utils.translation import gettext as _

# Why a focus area is named "to work more on".
LOWEST = "lowest"
NO_INITIATIVES = "no_initiatives"


def reason_label(reason: str, score: int | None) -> str:
    if reason == LOWEST:
        return _("The department's lowest self-assessment (%(score)s).") % {"score": score}
    return _("Rated relevant, but no published initiative is linked.")


def reasons_text(reasons: list[str], score: int | None) -> str:
    return " ".join(reason_label(reason, score) for reason in reasons)
