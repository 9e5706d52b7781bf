"""Writing a file atomically: it is then either the old or the new content, never a mix.

Used for every file ggcalc writes on a user's behalf (a scenario's ``expect`` block, plots,
JUnit reports), so that an interrupted or failed write never leaves a partial file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from ggcalc.errors import InputError, Location

__all__ = ["atomic_write", "describe_os_error"]


def atomic_write(path: Path, text: str | bytes) -> None:
    """Write ``text`` (or bytes, e.g. an image) to ``path``: the file is then either the old
    or the new content, never a mix.

    The text goes to a temporary file in the same directory (so the final rename stays on one
    file system and is atomic), encoded as UTF-8 with no newline translation; it is flushed and
    ``fsync``-ed, given the permission bits of the file it replaces (a new file gets the usual
    ``0o666`` less the umask), then renamed onto ``path`` with :func:`os.replace`. A symbolic
    link is written through: its target is replaced and the link is kept. Owner and group are not
    copied (only root could).

    On any exception, ``KeyboardInterrupt`` included, the temporary file is removed and the
    original file is left untouched.

    Parameters
    ----------
    path : Path
        The file to write.
    text : str or bytes
        Its whole new content: text (UTF-8) or bytes, written as they are.

    Raises
    ------
    InputError
        When the file is read-only, its directory does not exist or is not writable, or the write
        fails (disk full, ...): located at ``path``, with a hint.
    """
    name = str(path)
    target = Path(os.path.realpath(path))
    directory = target.parent
    mode: int | None
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise _write_error(
            name, f"cannot read the file's permissions: {describe_os_error(exc)}"
        ) from None
    # os.replace would happily replace a read-only file: respect the user's protection instead.
    if mode is not None and not os.access(target, os.W_OK):
        raise InputError(
            "the file is read-only, so ggcalc will not rewrite it",
            location=Location(name),
            hint="make it writable (chmod u+w), or write to another file",
        )
    fd, temporary = _create_temporary(target, name, mode)
    try:
        try:
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            handle = os.fdopen(fd, "wb")
        except BaseException:
            os.close(fd)
            raise
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise _write_error(name, f"cannot write the file: {describe_os_error(exc)}") from None
        raise
    # Make the rename itself durable; not every file system can fsync a directory.
    with contextlib.suppress(OSError):
        directory_fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(directory_fd)
        finally:
            os.close(directory_fd)


def _create_temporary(target: Path, name: str, mode: int | None) -> tuple[int, Path]:
    """Create a new, empty temporary file next to ``target``; return its descriptor and path.

    ``os.open`` with ``O_EXCL`` rather than :func:`tempfile.mkstemp`, because mkstemp always
    creates mode 0o600, while a new scenario file should get the umask's usual permissions.
    """
    for _attempt in range(100):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(
                temporary,
                os.O_WRONLY | os.O_CREAT | os.O_EXCL,
                0o600 if mode is not None else 0o666,
            )
        except FileExistsError:
            continue
        except FileNotFoundError:
            raise InputError(
                f"the directory {target.parent} does not exist",
                location=Location(name),
                hint="check the path, or create the directory first",
            ) from None
        except PermissionError:
            raise InputError(
                f"cannot write in the directory {target.parent}: permission denied",
                location=Location(name),
                hint="ggcalc writes a temporary file next to the file and renames it; "
                "make the directory writable, or work on a copy of the file elsewhere",
            ) from None
        except OSError as exc:
            raise _write_error(
                name, f"cannot create a file next to it: {describe_os_error(exc)}"
            ) from None
        return fd, temporary
    raise _write_error(name, "cannot find a free temporary file name next to it")


def _write_error(name: str, message: str) -> InputError:
    return InputError(
        message,
        location=Location(name),
        hint="the file was left as it was; check the disk space and permissions, then try again",
    )


def describe_os_error(exc: OSError) -> str:
    """Why an operating-system call failed, in lower case (``permission denied``).

    Parameters
    ----------
    exc : OSError
        The error an operating-system call raised.

    Returns
    -------
    str
        Its ``strerror`` (or, without one, the error's text), lower-cased.
    """
    return str(exc.strerror or exc).lower()
