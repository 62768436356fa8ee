"""Dialogs of the reading window."""
