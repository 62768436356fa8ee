"""Annotation: what the app knows about the words of a text.

Light to import on purpose: the word types live in ``word_info`` and import
neither jieba nor pypinyin; the annotator (``annotator``), the saved
annotation (``cache``, ``cached_annotator``), article statistics (``stats``)
and the output renderers (``output``) are imported from their own modules.
"""
