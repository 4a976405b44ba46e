"""Every public page type, in one list: the browser (axe) tests and bench/ read it.

A later issue that adds a public page adds a PageType here; the accessibility tests then
check it in Swedish and English at 1280 and 320 px, and the benchmark drives it when
``bench`` is true. Addresses point into the real programme as `make run EXAMPLES=1` loads it.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import translation

LKP = "livskvalitetsprogrammet-2016-2024"


@dataclass(frozen=True)
class PageType:
    label: str
    view: str
    kwargs: dict = field(default_factory=dict)
    # A text the Swedish page must contain (the benchmark checks it before measuring).
    expect: str = ""
    bench: bool = False

    def url(self, language: str = "sv") -> str:
        with translation.override(language):
            return reverse(self.view, kwargs=self.kwargs)


PAGE_TYPES = [
    PageType("home", "programme:home", expect="Vad är livskvalitet?", bench=True),
    PageType("programme-list", "programme:programme-list", expect="Livskvalitetsprogrammet"),
    PageType(
        "whole-programme",
        "programme:programme",
        {"slug": LKP},
        expect="Vi vill ha ett varmt välkomnande",
        bench=True,
    ),
    PageType(
        "direction",
        "programme:node",
        {"slug": LKP, "code": "valkomnande"},
        expect="Fokusområden",
    ),
    PageType(
        "focus-area",
        "programme:node",
        {"slug": LKP, "code": "trygghet"},
        expect="Vi skapar trygghet och säkra miljöer",
        bench=True,
    ),
    PageType("priority", "programme:node", {"slug": LKP, "code": "aktivdag"}),
    PageType("framework-list", "programme:framework-list", expect="Agenda 2030"),
    PageType("framework-tag", "programme:tag", {"code": "folkhalsa-6"}),
    PageType("page", "pages:page", {"slug": "livskvalitetsteamet"}),
    PageType("accessibility", "pages:accessibility", expect="Tillgänglighetsredogörelse"),
]
