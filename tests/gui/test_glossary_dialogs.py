"""Suggesting terms, importing a glossary file and exporting handouts from the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel

from reader.glossary.handout import Paper, QuizKind
from reader.glossary.store import GlossaryStore
from reader.language.han import han_characters

TIMEOUT_MS = 60_000


@pytest.fixture
def opened(data_dir: Path, open_glossary_window, recorder):
    return open_glossary_window(recorder.prompts())


def test_suggestions_are_added_through_the_form_asking_for_english(
    qtbot, opened, qtmodeltester
) -> None:
    window, features = opened
    with qtbot.waitSignal(features.suggestions_shown, timeout=TIMEOUT_MS) as shown:
        features.action("suggest_glossary_terms").trigger()
    dialog = shown.args[0]
    qtmodeltester.check(dialog.model())
    suggestions = dialog.model().suggestions()
    assert suggestions and all(s.example and s.count >= 1 for s in suggestions)
    glossaries = window.annotator().glossaries
    assert not any(glossaries.lookup(s.word) for s in suggestions)
    assert dialog.target_name() == "my-terms"  # no glossary of the user's yet: a new one

    first = suggestions[0]
    form = dialog.open_add_form(0)
    assert form.field("term").text() == first.word
    assert form.field("pinyin").text() == " ".join(window.annotator().describe(first.word).pinyin)
    assert first.pinyin == form.field("pinyin").text() != ""
    pinyin_cell = dialog.model().index(0, dialog.model().COLUMNS.index("Pinyin"))
    assert dialog.model().data(pinyin_cell) == first.pinyin
    assert form.field("example").text() == first.example
    assert not form.ok_button().isEnabled() and "English" in form.problems_text()

    form.field("english").setText("a test rendering")
    with qtbot.waitSignal(features.glossaries_reloaded, timeout=TIMEOUT_MS):
        form.accept()
    saved = GlossaryStore().load("my-terms").get(first.word)
    assert saved is not None and saved.example == first.example
    assert dialog.row_of(first.word) is None
    assert features.annotator().glossaries.lookup(first.word) == saved


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_import_shows_bad_rows_and_writes_nothing_until_confirmed(
    qtbot, opened, recorder, tmp_path: Path
) -> None:
    _, features = opened
    source = write(
        tmp_path / "class terms.csv",
        "term,pinyin,english\n"
        "城市治理,chéng shì zhì lǐ,urban governance\n"
        "社会治理,shè huì zhì,social governance\n"
        "疫情防控,yì qíng fáng kòng,\n"
        "城市治理,chéng shì zhì lǐ,again\n"
        "人民群众,rén mín qún zhòng,the masses\n",
    )
    store = GlossaryStore()
    recorder.files.append(str(source))
    features.action("import_glossary").trigger()
    dialog = features.import_dialog()

    assert dialog.summary_text().startswith("2 terms can be imported")
    bad = dialog.bad_row_texts()
    assert len(bad) == 3
    assert bad[0].startswith("line 3:") and "4 Chinese characters but 3" in bad[0]
    assert bad[1].startswith("line 4:") and "English" in bad[1]
    assert bad[2].startswith("line 5:") and "already appears at line 2" in bad[2]
    assert store.names() == []  # nothing written yet
    assert dialog.target_name() == "class terms"

    with qtbot.waitSignal(features.glossaries_reloaded, timeout=TIMEOUT_MS):
        dialog.import_button().click()
    assert [t.term for t in store.load("class terms").terms] == ["城市治理", "人民群众"]
    assert features.annotator().glossaries.lookup("人民群众").english == "the masses"


def test_an_unreadable_import_file_is_reported_and_nothing_opens(opened, recorder, tmp_path):
    _, features = opened
    source = write(tmp_path / "broken.json", "[{")
    assert features.import_file(source) is None
    assert "is not valid JSON" in recorder.messages[-1]
    assert features.import_file(tmp_path / "notes.docx") is None
    assert "cannot tell the format" in recorder.messages[-1]


def test_cancelling_an_import_leaves_the_existing_glossary_alone(opened, tmp_path) -> None:
    _, features = opened
    store = GlossaryStore()
    store.create("mine")
    before = store.path_of("mine").read_bytes()
    source = write(tmp_path / "more.tsv", "term\tpinyin\tenglish\n城市治理\tchéng shì zhì lǐ\tx\n")
    dialog = features.import_file(source)
    dialog.set_target_name("mine")
    dialog.reject()
    assert store.path_of("mine").read_bytes() == before


def test_html_handout_of_the_article_terms_with_examples(qtbot, opened, recorder, tmp_path) -> None:
    window, features = opened
    dialog = features.export_handout()
    target = tmp_path / "handout.html"
    recorder.files.append(str(target))
    dialog.set_format("html")
    dialog.set_include_article(True)
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT_MS):
        dialog.choose_file_and_export()
    assert not dialog.isVisible()

    html = target.read_text(encoding="utf-8")
    assert '<div class="term" lang="zh-Hans">河长制</div>' in html
    assert "全面推行<mark>河长制</mark>的意见" in html  # the term marked in its sentence
    assert "<ruby>河<rt>hé</rt></ruby>" in html
    assert window.current_article().title in html
    assert "Source: 羊城晚报" in html


def test_pdf_handout_with_the_article_has_a_true_text_layer(qtbot, opened, tmp_path) -> None:
    from pypdf import PdfReader

    window, features = opened
    dialog = features.export_handout()
    dialog.set_format("pdf")
    dialog.set_include_article(True)
    dialog.set_quiz(QuizKind.ENGLISH)
    target = tmp_path / "handout.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT_MS) as exported:
        dialog.export_to(target)
    assert exported.args[0] == str(target) and exported.args[1] > 100  # terms written
    layer = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "广州" in layer and "Quiz: the English" in layer and "Answer key" in layer
    # Every character of the article is in the layer in order (page footers come between).
    printed = iter(han_characters(layer))
    assert all(char in printed for char in han_characters(window.view().text()))


def test_the_handout_dialog_remembers_format_folder_and_options(qtbot, opened, recorder, tmp_path):
    _, features = opened
    folder = tmp_path / "handouts"
    folder.mkdir()
    dialog = features.export_handout()
    dialog.set_format("html")
    only_in_article = dialog.findChild(QCheckBox, "handoutOnlyInArticle")
    if only_in_article.isChecked():
        qtbot.mouseClick(only_in_article, Qt.MouseButton.LeftButton)
    assert not only_in_article.isChecked()
    dialog.set_quiz(QuizKind.TERMS)
    dialog.set_teacher("Class 3B")
    dialog.set_paper(Paper.LETTER)
    recorder.files.append(str(folder / "week 3.html"))
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT_MS):
        dialog.choose_file_and_export()
    assert (folder / "week 3.html").is_file()

    again = features.export_handout()
    choices = again.choices()
    assert again.file_format() == "html" and again.suggested_path().parent == folder
    assert (choices.quiz, choices.teacher, choices.paper) == (
        QuizKind.TERMS,
        "Class 3B",
        Paper.LETTER,
    )
    assert not choices.only_in_article and not choices.include_article


def test_a_handout_that_cannot_be_written_is_reported(qtbot, opened, recorder, tmp_path) -> None:
    _, features = opened
    blocker = write(tmp_path / "file", "x")
    dialog = features.export_handout()
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT_MS):
        dialog.export_to(blocker / "handout.html")
    assert recorder.messages[-1].startswith("The handout was not written: cannot write")
    assert dialog.isVisible(), "the dialog stays open to choose another file"


def embedded_fonts(path: Path) -> list[str]:
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/"))
    return sorted(names)


def test_the_pdf_embeds_the_chinese_font_chosen_and_remembers_it(
    qtbot, opened, recorder, tmp_path
) -> None:
    from reader.glossary.handout_fonts import best_installed_font

    font = best_installed_font()
    if not font.embedded:
        pytest.skip("no TrueType Chinese font is installed (apt-get install fonts-wqy-microhei)")
    _, features = opened
    dialog = features.export_handout()
    dialog.set_format("pdf")
    assert dialog.font_choices()[0] == font.describe()
    assert dialog.font_choices()[-2:] == [
        "None: the viewer's STSong-Light (not embedded)",
        "Other font file (.ttf, .ttc)…",
    ]
    dialog.set_font_not_embedded()
    target = tmp_path / "cid.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT_MS):
        dialog.export_to(target)
    assert "STSong-Light" in embedded_fonts(target)

    again = features.export_handout()
    assert again.findChild(QComboBox, "handoutFont").currentText().startswith("None")
    again.set_font_file(font.path, font.index)
    target = tmp_path / "embedded.pdf"
    with qtbot.waitSignal(again.exported, timeout=TIMEOUT_MS):
        again.export_to(target)
    assert "STSong-Light" not in embedded_fonts(target)
    assert any("+" in name and "DejaVu" not in name for name in embedded_fonts(target))


def test_another_font_file_is_checked_when_the_handout_is_written(
    qtbot, opened, recorder, tmp_path
) -> None:
    _, features = opened
    dialog = features.export_handout()
    dialog.set_format("pdf")
    box = dialog.findChild(QComboBox, "handoutFont")
    not_a_font = write(tmp_path / "notes.ttf", "not a font")
    recorder.files.append(str(not_a_font))
    box.activated.emit(box.count() - 1)  # "Other font file…"
    assert box.currentText() == "notes.ttf"
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT_MS):
        dialog.export_to(tmp_path / "handout.pdf")
    assert recorder.messages[-1].startswith(
        "The handout was not written: the font notes.ttf cannot be embedded"
    )
    assert not (tmp_path / "handout.pdf").exists()


def test_without_a_chinese_font_the_dialog_says_the_pdf_will_not_embed_one(
    qtbot, opened, monkeypatch, tmp_path
) -> None:
    from reader.glossary import handout_fonts

    monkeypatch.setattr(handout_fonts, "_fontconfig_fonts", list)
    monkeypatch.setattr(handout_fonts, "_platform_fonts", list)
    _, features = opened
    dialog = features.export_handout()
    dialog.set_format("pdf")
    notice = dialog.findChild(QLabel, "handoutFontNotice")
    assert not notice.isHidden() and "STSong-Light, not embedded" in notice.text()
    assert dialog.font_choices()[0].startswith("None")
    target = tmp_path / "handout.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT_MS):
        dialog.export_to(target)
    assert "STSong-Light" in embedded_fonts(target)
    dialog = features.export_handout()
    dialog.set_format("html")
    assert not dialog.findChild(QComboBox, "handoutFont").isEnabled()
