"""Interface text that Django itself supplies is Swedish on Swedish pages too."""

from django.utils import translation

from encyclopedia.models import Entry


def test_the_empty_choice_of_a_select_box_is_swedish():
    field = Entry._meta.get_field("kind").formfield()  # choices and no default
    with translation.override("sv"):
        html = str(field.widget.render("kind", ""))
    assert "– Välj ett alternativ –" in html and "Select an option" not in html
