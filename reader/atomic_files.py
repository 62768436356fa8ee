"""Writing a file so that a failure never leaves it half-written.

The new content goes to a temporary file beside the target and is moved over
it in one step (``os.replace``): readers see the old file or the new one.
Every module that saves or exports writes through here; callers turn the
``OSError`` into their own error type with a message for the user.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


def replace_atomically(
    path: str | os.PathLike[str],
    write: Callable[[Path], object],
    *,
    durable: bool = True,
) -> None:
    """Have ``write`` fill a temporary file, then move it over ``path``.

    ``durable`` forces the content to disk before the move (user data and
    exports); rebuildable caches skip that.  A pipe or device such as
    /dev/stdout is written into directly: replacing it would break the
    system's file; a named pipe nothing reads from is refused (writing would wait
    for ever).  Raises OSError, with no temporary file left behind.
    """
    target = Path(path)
    if target.exists() and not target.is_file() and not target.is_dir():
        if stat.S_ISFIFO(target.stat().st_mode):
            _refuse_unread_pipe(target)
        write(target)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".partial", dir=target.parent
    )
    os.close(descriptor)
    temporary = Path(name)
    try:
        write(temporary)
        if durable:
            with open(temporary, "rb") as written:
                os.fsync(written.fileno())
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _refuse_unread_pipe(pipe: Path) -> None:
    try:
        # Non-blocking, opening a pipe for writing fails at once when nothing reads it.
        descriptor = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise OSError(
                errno.ENXIO, "it is a pipe that no program is reading", str(pipe)
            ) from None
        raise
    os.close(descriptor)


def write_bytes_atomically(
    path: str | os.PathLike[str], data: bytes, *, durable: bool = True
) -> None:
    """``replace_atomically`` for content already in memory."""
    replace_atomically(path, lambda target: target.write_bytes(data), durable=durable)
