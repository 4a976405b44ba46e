"""Generators shared by the property tests: texts with every kind of character (NUL,
controls, formula prefixes, apostrophes, right-to-left marks), numbers beyond every
database's range, and tables of any shape."""

import csv
import io

from hypothesis import strategies as st

#: Characters that have broken something somewhere: formula prefixes, quotes, separators,
#: NUL and other controls, a byte order mark, a right-to-left override, a surrogate-free
#: astral character.
AWKWARD = [
    "=",
    "+",
    "-",
    "@",
    "'",
    '"',
    ",",
    ";",
    "\t",
    "\r",
    "\n",
    "\x00",
    "\x0b",
    "\x1f",
    "\ufeff",
    "\u202e",
    "𝔏",
    "å",
    "%00",
    "%",
    "\\",
    "<",
    ">",
    "&",
    "/",
    ".",
]

awkward_text = st.lists(
    st.one_of(st.characters(codec="utf-8"), st.sampled_from(AWKWARD)), max_size=30
).map("".join)

#: Integers around every boundary that matters: 0, 16-, 32- and 64-bit limits, beyond.
numbers = st.one_of(
    st.integers(min_value=-3, max_value=3000),
    st.sampled_from([2**15, 2**31 - 1, 2**31, 2**63 - 1, 2**63, 10**20, 10**40, -(2**63) - 1]),
    st.integers(),
)

number_text = st.one_of(
    numbers.map(str),
    st.sampled_from(["1e20", "1.5", "-0", "0x10", "NaN", "inf", "١٢", " 7 ", "7.0", ""]),
)


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """A csv file as a spreadsheet would write it (rows may have any number of cells)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def tables(columns: list[str], cells: st.SearchStrategy[str], *, max_rows: int = 5):
    """(header, rows): a header drawn from ``columns`` (and a stray one), rows of about
    the header's width (one cell fewer or more, now and then) of ``cells``."""

    @st.composite
    def draw(draw_):
        header = draw_(
            st.lists(st.sampled_from([*columns, "stray"]), min_size=1, max_size=len(columns) + 1)
        )
        width = len(header)
        rows = draw_(
            st.lists(
                st.lists(cells, min_size=max(width - 1, 0), max_size=width + 1),
                max_size=max_rows,
            )
        )
        return header, rows

    return draw()
