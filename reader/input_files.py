"""Reading a file the user named: regular files only, and never more than a stated size.

A pipe with no writer would hang the reader and ``/dev/zero`` would fill memory
until the system kills it, so every file the user names (an article, a word list,
a glossary, a CC-CEDICT file) and every cache is read through ``read_regular_file``.
Standard input (``-``) is read by the commands themselves, with the same limits.
"""

from __future__ import annotations

import io
import os
import stat
import zlib
from pathlib import Path

from reader.errors import InputFileError, ReaderError

MEGABYTE = 1024 * 1024


def megabytes(size: int) -> str:
    return f"{size / MEGABYTE:.1f} MB"


def read_regular_file(
    path: str | os.PathLike[str],
    limit: int,
    error: type[ReaderError] = InputFileError,
) -> bytes:
    """The bytes of the regular file at ``path`` (symlinks followed), at most ``limit``.

    Raises ``error`` with a one-line message when ``path`` is missing, a folder, a
    pipe, a socket or a device, unreadable, or larger than ``limit``.
    """
    name = Path(path)
    try:
        # O_NONBLOCK: opening a pipe nobody writes to returns at once instead of waiting.
        descriptor = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise error(f"{name}: no such file") from None
    except PermissionError:
        raise error(f"{name}: permission denied, the file cannot be read") from None
    except OSError as problem:
        raise error(f"{name}: cannot be read ({_reason(problem)})") from None
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise error(f"{name}: is a folder, not a file")
        if not stat.S_ISREG(status.st_mode):
            raise error(
                f"{name}: is not a regular file (a pipe, socket or device); "
                "save it to a file first, or pipe it to standard input as '-'"
            )
        if status.st_size > limit:
            raise error(_too_large(name, status.st_size, limit))
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            data = file.read(limit + 1)  # the file may have grown since fstat
    except OSError as problem:
        raise error(f"{name}: cannot be read ({_reason(problem)})") from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise error(_too_large(name, len(data), limit))
    return data


def gunzip_limited(data: bytes, limit: int, name: str, error: type[ReaderError]) -> bytes:
    """``data`` decompressed, refused once it would pass ``limit`` (a gzip bomb stops there)."""
    import gzip  # here: most files read are not compressed, and the window starts sooner

    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
            content = unpacked.read(limit + 1)
    except (OSError, EOFError, zlib.error):
        raise error(f"{name}: is a damaged gzip file") from None
    if len(content) > limit:
        raise error(f"{name}: unpacks to more than {megabytes(limit)}, the most this reader takes")
    return content


def _too_large(name: Path, size: int, limit: int) -> str:
    return f"{name}: is {megabytes(size)}, larger than the {megabytes(limit)} this reader takes"


def _reason(problem: OSError) -> str:
    return problem.strerror or problem.__class__.__name__
