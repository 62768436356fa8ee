"""The learner's vocabulary: saved words, their durability, and exchange with flashcard apps.

* ``word``: the data types (``VocabWord``, ``Context``, ``Status``, ``WordKey``, ``WordFilter``).
* ``store``: ``VocabularyStore``, the saved words, one transaction per action.
* ``store_file``: the file's life: opening, health check, recovery, migration.
* ``schema`` and ``migrations/``: numbered schema migrations; ``backups``: checked backups.
* ``export``: .apkg and the text formats to a file; ``text_formats``: CSV, Anki text,
  Pleco and JSON rendering and parsing; ``importing``: the confirm-then-apply import plan.
* ``pinyin_tones``: tone numbers and tone colours for the exports.
"""
