"""CC-CEDICT: our own parser, a compact cached index, and lookups (Qt-free)."""
