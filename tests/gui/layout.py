"""Helpers for GUI tests that depend on the article's layout."""

from __future__ import annotations

from reader.ui.article_view import ArticleView


def lay_out_whole_document(view: ArticleView) -> None:
    """Finish Qt's layout of the view's document, which it otherwise does in steps on a
    timer: until then the scroll range covers only what was laid out so far, so a scroll
    fraction set in a test would drift as the rest is laid out."""
    document = view.document()
    document.documentLayout().blockBoundingRect(document.lastBlock())
