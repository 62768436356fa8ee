"""Every subcommand of ``reader``, registered in one place so the list is easy to read."""

from __future__ import annotations

import argparse


def register_all(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from reader.cli import annotate_command, glossary_commands, lookup_command, vocab_commands

    annotate_command.register(subparsers)
    lookup_command.register(subparsers)
    glossary_commands.register(subparsers)
    vocab_commands.register(subparsers)
