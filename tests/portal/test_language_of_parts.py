"""WCAG 3.1.2 (language of parts): on English pages, every Swedish passage (a fallback for a
missing translation, a Swedish-only text, a Swedish name) carries lang="sv", so that a
screen reader reads it with a Swedish voice; and the reverse, on Swedish pages every English
passage carries lang="en". Every public page type is walked in both languages; a text is
taken for Swedish when it has a Swedish letter (å, ä, ö) or two common Swedish words, for
English when it has two common English words, more than Swedish ones, and no Swedish
letter; its nearest lang attribute must then say so."""

import re

import pytest
from lxml import html as lxml_html

from tests.public_pages import PAGE_TYPES, first_published_entry, load_example_pages

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


def looks_english(text: str) -> bool:
    if re.search(r"[åäöÅÄÖ]", text):
        return False
    words = [word.casefold() for word in WORD.findall(text)]
    english = sum(word in ENGLISH_WORDS for word in words)
    swedish = sum(word in SWEDISH_WORDS for word in words)
    return english >= 2 and english > swedish


def swedish_without_lang(document) -> list[str]:
    return without_lang(document, looks_swedish, "sv")


def without_lang(document, looks, language) -> list[str]:
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "title"):
            continue
        if element.tag == "meta":
            continue
        for text in (element.text, *(child.tail for child in element)):
            if not text or not text.strip() or not looks(text):
                continue
            lang = next(
                (node.get("lang") for node in element.iterancestors() if node.get("lang")),
                None,
            )
            lang = element.get("lang") or lang
            if lang != language:
                found.append(f"<{element.tag}> {text.strip()[:70]}")
    return found


@pytest.fixture
def site(loaded_examples):
    load_example_pages()
    # A research source in English, on the entry's page in both languages.
    from encyclopedia.models import Source

    Source.objects.create(
        entry_id=first_published_entry(),
        title="Marmot M. Fair society, healthy lives: the Marmot review. London, 2010.",
        language="en",
        position=9,
    )


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


def test_no_english_passage_on_a_swedish_page_lacks_lang_en(client, site):
    problems = {}
    for page_type in PAGE_TYPES:
        response = client.get(page_type.url("sv"))
        assert response.status_code == 200, page_type.label
        document = lxml_html.fromstring(response.content)
        assert document.get("lang") == "sv"
        found = without_lang(document.find("body"), looks_english, "en")
        if found:
            problems[page_type.label] = found
    assert problems == {}


def test_the_walk_tells_the_languages_apart():
    assert looks_swedish("Vi skapar trygghet och säkra miljöer")
    assert not looks_english("Vi skapar trygghet och säkra miljöer")
    assert looks_english("The Quality of Life Programme and its focus areas")
    assert not looks_english("Agenda 2030")  # a name, in no particular language
    document = lxml_html.fromstring(
        "<body><p>Resultatet av arbetet i staden</p><p>The results of the work in the city</p>"
        '<p lang="en">The results of the work</p></body>'
    )
    assert without_lang(document, looks_english, "en") == [
        "<p> The results of the work in the city"
    ]
