"""Safe file input and output: the one no-clobber check every write goes through, atomic
writes, and bounded reads of regular files only.

A write lands whole or not at all (a temporary file beside the target, then a rename or a
hard link), never replaces a file it was not allowed to, and never replaces an input of the
same run, even with ``--force``. A read refuses folders, FIFOs, devices and files over a
size limit before it reads a byte, so no input can block or exhaust memory.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dcrdraft.errors import OutputError, ReadError

PathLike = str | Path


def same_file(a: PathLike, b: PathLike) -> bool:
    """True when ``a`` and ``b`` name one file (same resolved path, or same device and inode
    through hard links or symlinks)."""
    try:
        if os.path.realpath(a) == os.path.realpath(b):
            return True
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_existing(path: PathLike, *, force: bool = False,
                    inputs: Iterable[PathLike] = ()) -> None:
    """The no-clobber check: raise ``OutputError`` when ``path`` is an input of this run
    (whatever ``force`` says), a folder, or an existing file and overwriting was not forced.
    Callers check before expensive work; ``write_atomic`` checks again."""
    for source in inputs:
        if same_file(path, source):
            raise OutputError(f"{path}: is an input of this run; refusing to overwrite it")
    if os.path.isdir(path):
        raise OutputError(f"{path}: is a folder")
    if os.path.lexists(path) and not force:
        raise OutputError(f"{path}: already exists; use --force to overwrite")


def refuse_input(path: PathLike, inputs: Iterable[PathLike]) -> None:
    """Raise ``OutputError`` when ``path`` is one of the run's ``inputs`` (the part of
    ``refuse_existing`` that not even ``--force`` lifts)."""
    refuse_existing(path, force=True, inputs=inputs)


@dataclass(frozen=True)
class Stamp:
    """What a file held when it was read: an in-place edit is written only over the same."""

    sha256: str

    @classmethod
    def of(cls, data: bytes) -> Stamp:
        return cls(hashlib.sha256(data).hexdigest())


def current_stamp(path: PathLike) -> Stamp | None:
    """The stamp of the file at ``path`` now; None when it cannot be read."""
    try:
        return Stamp.of(Path(path).read_bytes())
    except OSError:
        return None


def _target(path: PathLike) -> Path:
    """Where a write lands: a symlink's real file (in-place edits follow links, so the link
    stays a link and the file it names is the one changed)."""
    target = Path(path)
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


def _temp_beside(target: Path, raw: bytes) -> str:
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{target}: folder {parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _create_exclusive(tmp: str, target: Path) -> None:
    """Put ``tmp`` at ``target`` only if nothing is there (O_EXCL semantics): of two runs
    creating the same new file, exactly one wins."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputError(f"{target}: already exists; use --force to overwrite") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        # no hard links on this file system: claim the name exclusively, then rename over it
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise OutputError(f"{target}: already exists; use --force to overwrite") from None
        os.replace(tmp, target)
        return
    os.unlink(tmp)


def write_atomic(path: PathLike, data: str | bytes, *, force: bool = False,
                 inputs: Iterable[PathLike] = (), unchanged: Stamp | None = None) -> Path:
    """Write ``data`` to ``path`` atomically through the no-clobber check.

    ``force`` allows replacing an existing file (never an input listed in ``inputs``);
    ``unchanged`` makes an in-place edit refuse when the file no longer holds what was read.
    A symlink is followed: the file it names is replaced and the link stays.
    """
    sources = list(inputs)
    target = _target(path)
    refuse_existing(target, force=force, inputs=sources)
    if str(target) != str(path):
        refuse_existing(path, force=True, inputs=sources)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = _temp_beside(target, raw)
    try:
        if not force:
            _create_exclusive(tmp, target)
            return target
        if unchanged is not None and current_stamp(target) != unchanged:
            raise OutputError(f"{path}: changed on disk since it was read; not written "
                              "(run the command again on the new version)")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


# -- reading ------------------------------------------------------------------------------


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def read_regular(path: PathLike, max_bytes: int, what: str = "document") -> bytes:
    """The bytes of the regular file at ``path``; ``ReadError`` (``path: reason``) for a
    missing file, a folder, a FIFO or device, or a file larger than ``max_bytes``."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ReadError(f"{p}: no such file") from None
    except OSError as exc:
        raise ReadError(f"{p}: cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(f"{p}: is a folder, not {_article(what)}")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(f"{p}: not a regular file (a pipe, socket or device), "
                        f"so not {_article(what)}")
    if st.st_size > max_bytes:
        raise ReadError(f"{p}: {_mb(st.st_size)} is larger than the {_mb(max_bytes)} limit "
                        f"for {_article(what)}")
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped since the stat
                raise ReadError(f"{p}: not a regular file")
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(f"{p}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ReadError(f"{p}: larger than the {_mb(max_bytes)} limit for {_article(what)}")
    return data


def _article(what: str) -> str:
    return f"an {what}" if what[:1] in "aeiou" else f"a {what}"


def read_text_file(path: PathLike, max_bytes: int, what: str) -> str:
    """The UTF-8 text of a regular file (see ``read_regular``); binary data and other
    encodings are a ``ReadError`` naming the file, like every other read problem."""
    data = read_regular(path, max_bytes, what)
    if b"\x00" in data[:8192]:
        raise ReadError(f"{path}: looks like a binary file, not {_article(what)}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
                        f"{exc.start}); save it as UTF-8") from None
