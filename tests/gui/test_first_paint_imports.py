"""What the window's first screen imports: only what it needs to show the article.

Every module imported before the first paint delays it; the annotator, the
dictionary index, the other file formats' readers, dialogs and the features
added after hover answers are loaded later.  Run in a fresh process, since
this test session has long imported all of them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
         "reader.ui.glossary_features", "reader.ui.vocabulary_features"]
print(sorted(name for name in heavy if name in sys.modules), window.current_article() is not None)
window.close()
"""


def test_the_first_screen_imports_nothing_it_does_not_show(data_dir: Path) -> None:
    finished = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT_CHILD],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "READER_DATA_DIR": str(data_dir)},
        timeout=180,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.strip().splitlines()[-1] == "[] True"
