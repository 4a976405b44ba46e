"""Bodies in Markdown (initiatives and knowledge entries): paragraphs, line breaks, lists,
links, headings and quotes kept; everything sanitised on save and again when shown; a
plain-text or HTML body from before keeps its shape."""

import pytest

from core.html import render_markdown, sanitize_markdown
from initiatives.models import Initiative
from tests.public_pages import publish_example_initiatives


def test_paragraphs_lists_links_headings_and_quotes():
    html = render_markdown(
        "Första stycket.\n\nAndra stycket,\nmed en ny rad.\n\n# Resultat\n\n- ett\n- två\n\n"
        "[Läs mer](https://helsingborg.se/)\n\n> Ett citat."
    )
    assert html.count("<p>") == 4
    assert "Andra stycket,<br>\nmed en ny rad." in html
    assert "<h2>Resultat</h2>" in html and "<h1>" not in html
    assert "<ul>\n<li>ett</li>\n<li>två</li>\n</ul>" in html
    assert '<a href="https://helsingborg.se/" rel="noopener noreferrer">Läs mer</a>' in html
    assert "<blockquote>" in html


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>Hej",
        "[klicka](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        '<img src=x onerror="alert(1)">',
        "<p onclick='alert(1)'>x</p>",
    ],
)
def test_nothing_unsafe_survives_saving_or_showing(source):
    saved = sanitize_markdown(source)  # no HTML that could run; a Markdown link is text here
    assert "<script" not in saved and "onerror" not in saved and "onclick" not in saved
    assert 'href="javascript' not in saved
    for html in (render_markdown(saved), render_markdown(source)):
        assert "<script" not in html and 'href="javascript' not in html
        assert "onerror" not in html and "onclick" not in html


def test_a_body_from_before_keeps_its_shape():
    assert render_markdown("Rad ett\nRad två\n\nNytt stycke") == (
        "<p>Rad ett<br>\nRad två</p>\n<p>Nytt stycke</p>"
    )
    assert render_markdown("<p>Ett stycke</p><ul><li>en punkt</li></ul>") == (
        "<p>Ett stycke</p><ul><li>en punkt</li></ul>"
    )


def test_a_quote_and_an_ampersand_survive_saving():
    saved = sanitize_markdown("> Citat & mer\n\na < b")
    assert saved.startswith("> Citat &amp; mer")
    html = render_markdown(saved)
    assert "<blockquote>" in html and "Citat &amp; mer" in html and "a &lt; b" in html


@pytest.mark.django_db
def test_an_ambassadors_two_paragraphs_are_two_paragraphs_on_the_public_page(
    client, loaded_examples
):
    publish_example_initiatives(count=1)
    initiative = Initiative.objects.published().first()
    initiative.body = "Vi började i våras.\n\nNu fortsätter vi med **fler** skolor."
    initiative.save()
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert "<p>Vi började i våras.</p>" in html
    assert "<p>Nu fortsätter vi med <strong>fler</strong> skolor.</p>" in html
