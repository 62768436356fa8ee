"""The dictionary popup: everything about one word, opened by a click or Enter.

The content is rich text built here from core data, with every string from the
article, the dictionary or a glossary escaped, so ``<`` and ``&`` show as typed
and nothing can be loaded.  Cross-references are ``word:`` links that show the
referenced word in the same popup.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from PySide6.QtCore import QRect, Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QStyle,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.dictionary.entry import Entry
from reader.dictionary.entry_html import entry_html
from reader.language.hsk import hsk_label
from reader.ui.hover_card import SPEAK_NAME
from reader.ui.placement import beside_word
from reader.ui.tone_colours import palette_is_dark, pinyin_rich_text

if TYPE_CHECKING:
    from reader.annotation.word_info import WordAnnotator, WordInfo

_LINK_SCHEME = "word"
_SPEAK_TIP = "Hear the word (S)"


def word_link(word: str) -> str:
    return f"{_LINK_SCHEME}:{quote(word)}"


def word_from_link(url: QUrl) -> str | None:
    """The word a ``word:`` link points to; None for any other link."""
    text = url.toString()
    prefix = _LINK_SCHEME + ":"
    return unquote(text[len(prefix) :]) if text.startswith(prefix) else None


def _e(text: str) -> str:
    return html.escape(text, quote=True)


class WordPopup(QFrame):
    """A popup window (Esc or a click outside closes it) describing one word."""

    add_word_requested = Signal(object, str)
    """(WordInfo, context sentence) the user wants in the vocabulary."""
    dictionary_search_requested = Signal(str)
    word_copied = Signal(str)
    speak_requested = Signal(str)
    """The Hear button or S: say this word."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("WordPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.resize(460, 420)

        self._browser = QTextBrowser(self)
        self._browser.setOpenLinks(False)
        self._browser.setOpenExternalLinks(False)
        self._browser.anchorClicked.connect(self._follow_link)
        self._add_button = QPushButton("&Add to vocabulary", self)
        self._add_button.clicked.connect(self._add_clicked)
        self._copy_button = QPushButton("&Copy", self)
        self._copy_button.clicked.connect(self._copy_clicked)
        self._search_button = QPushButton("&Search dictionary", self)
        self._search_button.clicked.connect(self._search_clicked)
        self._speak_button = QPushButton("&Hear", self)
        # Qt's own speaker icon, as on the hover card (an emoji needs a font).
        self._speak_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaVolume))
        self._speak_button.setAccessibleName(SPEAK_NAME)
        self._speak_button.setToolTip(_SPEAK_TIP)
        self._speak_button.setVisible(False)  # until speech is installed (set_speaker)
        self._speak_button.clicked.connect(self._speak_clicked)
        self._back_button = QPushButton("&Back", self)
        self._back_button.clicked.connect(self._go_back)

        buttons = QHBoxLayout()
        buttons.addWidget(self._back_button)
        buttons.addStretch(1)
        buttons.addWidget(self._speak_button)
        buttons.addWidget(self._add_button)
        buttons.addWidget(self._copy_button)
        buttons.addWidget(self._search_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self._browser, 1)
        layout.addLayout(buttons)

        self._annotator: WordAnnotator | None = None
        self._info: WordInfo | None = None
        self._sentence = ""
        self._tone_colours = True
        self._history: list[tuple[WordInfo, str]] = []
        self._links: list[str] = []
        self._html = ""

    # -- public --------------------------------------------------------------

    def show_word(
        self,
        info: WordInfo,
        annotator: WordAnnotator,
        sentence: str,
        anchor: QRect,
        tone_colours: bool = True,
    ) -> None:
        """Describe ``info`` (read in ``sentence``) just below ``anchor`` (global coordinates)."""
        self._annotator = annotator
        self._tone_colours = tone_colours
        self._history.clear()
        self._display(info, sentence)
        self.move(beside_word(anchor, self.size()))
        self.show()
        self.raise_()
        self._browser.setFocus(Qt.FocusReason.PopupFocusReason)

    def show_linked_word(self, word: str) -> None:
        """Show ``word`` as read on its own (a cross-reference); Back returns."""
        if self._annotator is None or self._info is None:
            return
        self._history.append((self._info, self._sentence))
        self._display(self._annotator.describe(word), "")

    def current_word(self) -> str:
        return self._info.token.text if self._info is not None else ""

    def word_info(self) -> WordInfo | None:
        return self._info

    def html(self) -> str:
        """The rich text shown (built by this class; for tests)."""
        return self._html

    def plain_text(self) -> str:
        """What the user reads, without markup."""
        return self._browser.toPlainText()

    def browser(self) -> QTextBrowser:
        return self._browser

    def add_button(self) -> QPushButton:
        return self._add_button

    def speak_button(self) -> QPushButton:
        return self._speak_button

    def set_speaker(self, shown: bool, blocked_reason: str | None = None) -> None:
        """Show the Hear button; greyed out with the reason as its tooltip when it cannot speak."""
        self._speak_button.setVisible(shown)
        self._speak_button.setEnabled(blocked_reason is None)
        self._speak_button.setToolTip(blocked_reason or _SPEAK_TIP)

    def copy_button(self) -> QPushButton:
        return self._copy_button

    def search_button(self) -> QPushButton:
        return self._search_button

    def links(self) -> list[str]:
        """The words the cross-reference links point to, in order."""
        return list(self._links)

    # -- events ----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Backspace and self._history:
            self._go_back()
            event.accept()
            return
        if event.key() == Qt.Key.Key_S and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self._speak_clicked()
            event.accept()
            return
        super().keyPressEvent(event)

    # -- content -----------------------------------------------------------------

    def _display(self, info: WordInfo, sentence: str) -> None:
        self._info = info
        self._sentence = sentence
        self._links = []
        self._html = self._build_html(info)
        self._browser.setHtml(self._html)
        self._back_button.setVisible(bool(self._history))
        self._add_button.setText("&Add to vocabulary")
        self._add_button.setEnabled(bool(info.token.text.strip()))

    def _build_html(self, info: WordInfo) -> str:
        dark = palette_is_dark(self.palette())
        word = info.token.text
        parts = [f'<p style="margin:0"><span style="font-size:xx-large">{_e(word)}</span>']
        traditional = {e.traditional for e in info.entries if e.traditional != word}
        if traditional:
            joined = _e("、".join(sorted(traditional)))
            parts.append(f' <span style="font-size:large">({joined})</span>')
        parts.append("</p>")
        if info.pinyin:
            parts.append(
                '<p style="margin:2px 0; font-size:large">'
                f"{pinyin_rich_text(info.pinyin, self._tone_colours, dark)}</p>"
            )
        level = hsk_label(info.hsk)
        parts.append(f'<p style="margin:2px 0; color:gray">{_e(level)}</p>')
        if info.glossary is not None:
            parts.append(self._glossary_html(info))
        if info.entries:
            parts.append("<h3>CC-CEDICT</h3>")
            parts.extend(self._entry_html(entry, dark) for entry in info.entries)
        elif info.glossary is None:
            parts.append("<p><i>Not in CC-CEDICT.</i></p>")
        breakdown = self._breakdown_html(info, dark)
        if breakdown:
            parts.append(breakdown)
        return "".join(parts)

    def _glossary_html(self, info: WordInfo) -> str:
        term = info.glossary
        assert term is not None
        source = f" ({_e(term.glossary)})" if term.glossary else ""
        rows = [f"<h3>Glossary{source}</h3>"]
        if term.term not in info.token.text:  # a variant spelling: name the real term
            rows.append(f"<p>{_e(term.term)} {_e(term.pinyin)}</p>")
        rows.append(f"<p><b>{_e(term.english)}</b>")
        if term.category:
            rows.append(f' <span style="color:gray">· {_e(term.category)}</span>')
        rows.append("</p>")
        if term.explanation:
            rows.append(f"<p>{_e(term.explanation)}</p>")
        if term.example:
            rows.append(f"<p><i>{_e(term.example)}</i></p>")
        if term.related:
            links = "、".join(self._link(word, word) for word in term.related)
            rows.append(f"<p>Related: {links}</p>")
        return "".join(rows)

    def _entry_html(self, entry: Entry, dark: bool) -> str:
        pinyin = pinyin_rich_text(entry.syllables, self._tone_colours, dark)
        return entry_html(entry, pinyin, self._link)

    def _breakdown_html(self, info: WordInfo, dark: bool) -> str:
        word = info.token.text
        if self._annotator is None or len(word) < 2:
            return ""
        # imported here: it loads the dictionary index module, not needed for the first paint
        from reader.dictionary.characters import characters_in_word

        rows = []
        for character in characters_in_word(self._annotator.dictionary, word, info.pinyin):
            if not character.entries:
                rows.append(f"<li>{_e(character.character)}: <i>not in CC-CEDICT</i></li>")
                continue
            readings = list(
                dict.fromkeys(
                    pinyin_rich_text(entry.syllables, self._tone_colours, dark)
                    for entry in character.entries
                )
            )
            if character.read_here:
                # The reading heard in this word first; the character's others after it.
                shown = f"<b>{readings[0]}</b>"
                if len(readings) > 1:
                    shown += f' <span style="color:gray">(also {", ".join(readings[1:])})</span>'
            else:
                shown = " / ".join(readings)
            meaning = "; ".join(character.meaning)
            link = self._link(character.character, character.character)
            rows.append(f"<li>{link} {shown}: {_e(meaning)}</li>")
        return "<h3>Characters</h3><ul>" + "".join(rows) + "</ul>"

    def _link(self, word: str, label: str) -> str:
        self._links.append(word)
        return f'<a href="{_e(word_link(word))}">{_e(label)}</a>'

    # -- actions -------------------------------------------------------------------

    def _follow_link(self, url: QUrl) -> None:
        word = word_from_link(url)
        if word:
            self.show_linked_word(word)

    def _go_back(self) -> None:
        if self._history:
            info, sentence = self._history.pop()
            self._display(info, sentence)

    def show_saved(self, word: str, status: str) -> None:
        """``word`` is now in the vocabulary with ``status``: the Add button says so."""
        if self._info is None or self._info.token.text != word:
            return
        self._add_button.setText(f"In vocabulary ({status})")
        self._add_button.setEnabled(False)

    def _add_clicked(self) -> None:
        if self._info is not None:
            self.add_word_requested.emit(self._info, self._sentence)

    def _speak_clicked(self) -> None:
        word = self.current_word()
        if word:
            self.speak_requested.emit(word)

    def _copy_clicked(self) -> None:
        word = self.current_word()
        if word:
            QGuiApplication.clipboard().setText(word)
            self.word_copied.emit(word)

    def _search_clicked(self) -> None:
        word = self.current_word()
        if word:
            self.close()
            self.dictionary_search_requested.emit(word)
