"""Version numbers of the rules that decide segmentation and pinyin.

They live here, apart from segment.py and pinyin.py, so that the annotation
cache can read them without importing jieba and pypinyin.  Bump one whenever
a change to its module can change the tokens or readings of some text: cached
annotations made under the old number are then ignored and rebuilt.
"""

LEXICON_CACHE_VERSION = 4
"""The layout of segment.py's marshal cache of jieba's dictionary."""
SEGMENTATION_RULES_VERSION = 7  # 7: glossary terms no longer add to jieba's total
"""segment.py's cutting rules (blocks, token kinds, user-word frequencies, tags), and
repair.py's repairs of jieba's words."""
PINYIN_RULES_VERSION = 5
"""pinyin.py's reading rules (particles, place names, polyphonic characters ...), and
word_parts.py's cut of an unlisted word into the dictionary words it reads by."""
