"""How the window starts: its first screen imports only what it needs to show the article.

Every module imported before the first paint delays it; the annotator, the
dictionary index, the other file formats' readers and the book types, dialogs,
the hover card, the find bar, the Dictionary tab's search, the features added
after hover answers, pinyin notation, article statistics and the compression
and HTML modules are loaded later.  Run in a fresh process, since
this test session has long imported all of them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui.fresh_process import last_line_of_fresh_process

FIRST_PAINT_CHILD = """
import sys
from reader.ui.app import create_application
from reader.ui.main_window import MainWindow

app = create_application()
window = MainWindow()
window.open_initial(None)
window.show()
app.processEvents()
heavy = ["jieba", "pypinyin", "numpy", "opencc", "reader.annotation.annotator",
         "reader.dictionary.index", "reader.textio.html_text", "reader.textio.markdown_text",
         "reader.vocab.comprehension", "reader.vocab.store", "reader.ui.about",
         "reader.ui.glossary_features", "reader.ui.vocabulary_features",
         "reader.ui.hover_card", "reader.ui.word_popup", "reader.ui.find_bar",
         "reader.ui.sidebar.dictionary_search", "reader.dictionary.search",
         "reader.textio.book", "reader.language.notation", "reader.annotation.stats",
         "reader.speech.preferences", "html", "gzip", "importlib.resources"]
print(sorted(name for name in heavy if name in sys.modules), window.current_article() is not None)
window.close()
"""


def test_the_first_screen_imports_nothing_it_does_not_show(data_dir: Path) -> None:
    assert last_line_of_fresh_process(FIRST_PAINT_CHILD, data_dir) == "[] True"


COLLECTOR_CHILD = """
import builtins, gc, os, sys
os.environ["READER_STARTUP_TIMING"] = "1"
seen = []
print_now = builtins.print

def spy(*args, **kwargs):
    # Not later milestones: the worker pauses the collector while it loads the
    # annotator (reader.annotation.startup), and may be doing so at that moment.
    if args and isinstance(args[0], str) and args[0].split(" ")[0] in (
        "qt_ready", "window_painted"
    ):
        seen.append((args[0].split(" ")[0], gc.isenabled()))
    return print_now(*args, **kwargs)

builtins.print = spy
sys.argv = ["reader"]
from reader.cli import run
try:
    run()
except SystemExit as leaving:
    assert leaving.code == 0, leaving.code
print_now(seen)
"""


QT_TYPES_CHILD = """
from PySide6 import QtGui, QtWidgets

def made(names):
    # PySide builds a class's Python type, with its enums, when first asked for it.
    return sorted(name for name in names if name in vars(QtGui) or name in vars(QtWidgets))

# Types that are not on the first screen.  QWizard and QColorDialog stand for every
# QtWidgets class: PySide builds them all to find the class of a widget Python did
# not make (as Qt's own viewport of the article view once was).
unused = ["QIcon", "QMessageBox", "QFileDialog", "QInputDialog", "QWizard", "QColorDialog"]
if made(unused):
    print("eager")  # an older PySide that builds every type at import
else:
    from reader.ui.app import create_application
    from reader.ui.main_window import MainWindow

    app = create_application()
    window = MainWindow()
    window.show()
    window.open_initial(None)
    app.processEvents()
    window.view().viewport().update()
    app.processEvents()
    print(made(unused))
    window.close()
"""


def test_the_first_screen_builds_no_qt_type_it_does_not_show(data_dir: Path) -> None:
    """Each Qt class's Python type is built, enums and all, when first used; the ones
    here cost the first paint about 4 % for nothing (counted under callgrind)."""
    made = last_line_of_fresh_process(QT_TYPES_CHILD, data_dir)
    if made == "eager":
        pytest.skip("this PySide builds every type when it is imported")
    assert made == "[]"


def test_the_window_starts_without_the_garbage_collector_and_turns_it_on_once_painted(
    data_dir: Path,
) -> None:
    """Start-up makes many objects and no garbage; a window left without the collector
    would slowly fill memory with cycles, so it must come back on."""
    assert last_line_of_fresh_process(COLLECTOR_CHILD, data_dir) == str(
        [("qt_ready", False), ("window_painted", True)]
    )
