"""The computer's mount table, and whether a path is on a network file system.

Pure functions over mount entries (tests pass a fake table) plus the readers of the real table:
``/proc/mounts`` on Linux, ``mount`` on macOS, and the drive type on Windows.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable

# File systems whose locking SQLite cannot rely on (https://sqlite.org/useovernet.html).
NETWORK_FS_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "coda", "sshfs", "fuse.sshfs",
        "davfs", "fuse.davfs2", "webdav", "glusterfs", "fuse.glusterfs", "ceph", "fuse.ceph",
        "lustre", "gpfs", "fuse.rclone", "fuse.s3fs", "afpfs", "fuse.afpfs",
    }
)  # fmt: skip


class MountEntry(NamedTuple):
    """One mounted file system: where it is mounted and its type (as ``/proc/mounts`` says)."""

    mount_point: str
    fs_type: str
    source: str = ""


def _unescape_mount(text: str) -> str:
    # /proc/mounts writes spaces, tabs, newlines and backslashes as octal escapes (\040 ...).
    for octal, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        text = text.replace(octal, char)
    return text


def parse_proc_mounts(text: str) -> list[MountEntry]:
    """Parse the Linux mount table (``/proc/mounts``) into entries."""
    entries = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            entries.append(MountEntry(_unescape_mount(parts[1]), parts[2], parts[0]))
    return entries


def parse_bsd_mount(text: str) -> list[MountEntry]:
    """Parse the output of ``mount`` on macOS: ``//u@server/share on /Volumes/x (smbfs, ...)``."""
    entries = []
    for line in text.splitlines():
        source, sep, rest = line.partition(" on ")
        point, paren, opts = rest.rpartition(" (")
        if sep and paren:
            entries.append(MountEntry(point, opts.split(",")[0].strip(" )"), source))
    return entries


def network_filesystem(path: Path, mounts: Iterable[MountEntry]) -> MountEntry | None:
    """Return the network mount holding ``path``, or None when it is on a local disk.

    Pure: the mount table is passed in. The mount with the longest mount point that contains
    ``path`` decides.
    """
    target = path.as_posix()
    best: MountEntry | None = None
    for entry in mounts:
        point = entry.mount_point.rstrip("/") or "/"
        inside = target == point or target.startswith(point if point == "/" else point + "/")
        if inside and (best is None or len(point) > len(best.mount_point.rstrip("/") or "/")):
            best = entry
    if best is None:
        return None
    fs = best.fs_type.lower()
    return best if fs in NETWORK_FS_TYPES or fs.startswith(("nfs", "fuse.sshfs")) else None


def mount_table() -> list[MountEntry]:
    """Return this computer's mount table (Linux and macOS; empty where it cannot be read)."""
    try:
        if sys.platform.startswith("linux"):
            return parse_proc_mounts(Path("/proc/mounts").read_text(encoding="utf-8"))
        if sys.platform == "darwin":
            out = subprocess.run(  # noqa: S603 - a fixed system command, no user input
                ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False
            )
            return parse_bsd_mount(out.stdout)
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError):
        pass
    return []


def windows_remote(path: Path) -> bool:
    """Whether a path is on a Windows network drive (a UNC path or a mapped network drive)."""
    if str(path).startswith(("\\\\", "//")):  # a UNC path: \\server\share\...
        return True
    if sys.platform != "win32":
        return False
    import ctypes  # noqa: PLC0415 - Windows only

    drive_remote = 4
    root = os.path.splitdrive(str(path))[0] + "\\"
    return bool(ctypes.windll.kernel32.GetDriveTypeW(root) == drive_remote)  # type: ignore[attr-defined,unused-ignore]
