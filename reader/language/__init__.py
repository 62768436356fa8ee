"""Segmentation, token kinds, context-aware pinyin and HSK levels (Qt-free)."""
