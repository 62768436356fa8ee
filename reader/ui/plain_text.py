"""Text from a file, a glossary or the dictionary, shown exactly as typed, never as markup.

Qt guesses whether a tooltip, a message or an input dialog's label is rich text
(``Qt.mightBeRichText``): an article titled ``<img src=/etc/passwd>`` would make it
read that file.  Labels take ``Qt.TextFormat.PlainText``; where Qt offers no such
setting, the text goes through ``as_rich_text`` so it is escaped markup that shows
the characters typed and loads nothing.
"""

from __future__ import annotations


def as_rich_text(text: str) -> str:
    """``text`` as Qt rich text that displays it unchanged (line breaks kept)."""
    import html  # here: the window's first screen has no use for it

    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"
