"""Every subcommand of ``reader``, registered in one place so the list is easy to read."""

from __future__ import annotations

import argparse
import importlib

COMMAND_MODULES = {
    "annotate": "reader.cli.annotate_command",
    "lookup": "reader.cli.lookup_command",
    "glossary": "reader.cli.glossary_commands",
    "vocab": "reader.cli.vocab_commands",
    "library": "reader.cli.library_commands",
    "speak": "reader.cli.speak_command",
    "readings": "reader.cli.readings_command",
}


def register_all(
    subparsers: argparse._SubParsersAction,
    only: str | None = None,
) -> None:
    """Register every command, or just ``only``: each module loads what its command needs,
    and a command should not pay for loading the others."""
    for name, module in COMMAND_MODULES.items():
        if only is None or name == only:
            importlib.import_module(module).register(subparsers)
