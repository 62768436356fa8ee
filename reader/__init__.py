"""duzhe-reader: a desktop reading assistant for Chinese."""

__version__ = "0.1.0"
