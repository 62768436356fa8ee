"""Policy glossaries: the bundled one, users' own, import, export and handouts (Qt-free)."""
