"""WCAG 3.1.2 (language of parts): on English pages, every Swedish passage (a fallback for a
missing translation, a Swedish-only text, a Swedish name) carries lang="sv", so that a
screen reader reads it with a Swedish voice. Every public page type is walked in English;
a text is taken for Swedish when it has a Swedish letter (å, ä, ö) or two common Swedish
words, and its nearest lang attribute must then say sv."""

import re

import pytest
from lxml import html as lxml_html

from tests.public_pages import PAGE_TYPES, load_example_pages

pytestmark = pytest.mark.django_db
SWEDISH_WORDS = {"och", "att", "för", "som", "med", "är", "av", "på", "till", "det", "en", "vi"}
ENGLISH_WORDS = {"the", "and", "of", "to", "in", "is", "for", "with", "a"}
WORD = re.compile(r"\w+", re.UNICODE)


def looks_swedish(text: str) -> bool:
    words = [word.casefold() for word in WORD.findall(text)]
    if re.search(r"[åäöÅÄÖ]", text):
        return True
    swedish = sum(word in SWEDISH_WORDS for word in words)
    english = sum(word in ENGLISH_WORDS for word in words)
    return swedish >= 2 and swedish > english


def swedish_without_lang(document) -> list[str]:
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "title"):
            continue
        if element.tag == "meta":
            continue
        for text in (element.text, *(child.tail for child in element)):
            if not text or not text.strip() or not looks_swedish(text):
                continue
            lang = next(
                (node.get("lang") for node in element.iterancestors() if node.get("lang")),
                None,
            )
            lang = element.get("lang") or lang
            if lang != "sv":
                found.append(f"<{element.tag}> {text.strip()[:70]}")
    return found


@pytest.fixture
def site(loaded_examples):
    load_example_pages()


def test_no_swedish_passage_on_an_english_page_lacks_lang_sv(client, site):
    problems = {}
    for page_type in PAGE_TYPES:
        response = client.get(page_type.url("en"))
        assert response.status_code == 200, page_type.label
        document = lxml_html.fromstring(response.content)
        assert document.get("lang") == "en"
        body = document.find("body")
        found = swedish_without_lang(body)
        if found:
            problems[page_type.label] = found
    assert problems == {}
