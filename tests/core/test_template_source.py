"""The templates' source stays readable: no line over 200 characters (djLint, run by
`make lint`, checks the rest)."""

from pathlib import Path

from django.conf import settings

LIMIT = 200


def test_no_template_line_is_longer_than_200_characters():
    roots = [Path(settings.BASE_DIR) / "templates", Path(__file__).parents[1] / "kit_example"]
    long_lines = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}: {len(line)}"
        for root in roots
        for path in sorted(root.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if len(line) > LIMIT
    ]
    assert long_lines == []
