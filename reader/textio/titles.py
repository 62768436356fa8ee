"""A text's title when it declares none: its first non-empty line, shortened.

Documents and books share the rule; it lives apart from ``book`` so that reading
a plain-text article does not import the book types.
"""

from __future__ import annotations

TITLE_MAX_CHARS = 40
"""A title taken from a text's first line is shortened to this many characters."""


def title_from_text(text: str) -> str:
    """The first non-empty line of ``text``, shortened to ``TITLE_MAX_CHARS`` ("" if none)."""
    first_line = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if len(first_line) <= TITLE_MAX_CHARS:
        return first_line
    return first_line[: TITLE_MAX_CHARS - 1].rstrip() + "…"
