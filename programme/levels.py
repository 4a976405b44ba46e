"""What a programme calls its levels, by their roles (programme.tree): the words pages and
messages use instead of "viljeinriktning", "fokusområde" and "tre nivåer", so that a
programme of any depth, with its own level names, reads as its own."""

from django.utils.text import capfirst

from .models import Programme


class LevelWords:
    """A programme's level words in the active language, read when printed.

    ``areas`` is what the follow-up assesses (Helsingborg's "fokusområden", Motala's
    "huvudområden"); ``groups`` the level above them (empty in a programme without one);
    ``leaves`` what initiatives attach to; ``count`` the number of levels in words ("tre
    nivåer"). A capital first letter (``Areas``) starts a sentence. Templates read them as
    ``LEVELS.areas`` (``{% blocktranslate with areas=LEVELS.areas %}``).
    """

    def __init__(self, programme: Programme | None):
        # A site without a programme yet speaks as the default levels do.
        self.programme = programme or Programme()

    @property
    def levels(self) -> int:
        return self.programme.levels

    @property
    def has_groups(self) -> bool:
        return self.programme.has_groups

    @property
    def count(self) -> str:
        return str(self.programme.levels_in_words)

    def __getattr__(self, name: str) -> str:
        role, plural = _ROLES.get(name.lower(), (None, False))
        if role is None:
            raise AttributeError(name)
        depth = {"leaf": self.programme.leaf_depth, "area": self.programme.area_depth}.get(role, 1)
        if role == "group" and not self.programme.has_groups:
            return ""
        word = str(self.programme.level_name(depth, plural=plural))
        return capfirst(word) if name[0].isupper() else word


_ROLES = {
    "leaf": ("leaf", False),
    "leaves": ("leaf", True),
    "area": ("area", False),
    "areas": ("area", True),
    "group": ("group", False),
    "groups": ("group", True),
}
