"""A database on a network file system is refused with advice; detection is a pure function."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from factories import PASSWORD

from dnclinic.app_context import create_clinic
from dnclinic.model import db as db_module
from dnclinic.model.db import refuse_network_storage
from dnclinic.model.keyring import KdfParams
from dnclinic.model.mounts import (
    MountEntry,
    network_filesystem,
    parse_bsd_mount,
    parse_proc_mounts,
)
from dnclinic.services.errors import NetworkStorageError
from dnclinic.services.users import NewUser

if TYPE_CHECKING:
    from collections.abc import Iterable

PROC_MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid 0 0
server:/export/clinic /mnt/clinic nfs4 rw,vers=4.2 0 0
//nas/physio /mnt/physio\\040share cifs rw,vers=3.0 0 0
maria@host:/data /home/maria/remote fuse.sshfs rw,nosuid 0 0
tmpfs /mnt/clinic/local tmpfs rw 0 0
"""
MOUNTS = parse_proc_mounts(PROC_MOUNTS)


@pytest.mark.parametrize(
    ("path", "fs_type"),
    [
        ("/mnt/clinic/clinic.db", "nfs4"),
        ("/mnt/physio share/dnclinic/clinic.db", "cifs"),
        ("/home/maria/remote/clinic.db", "fuse.sshfs"),
        ("/mnt/clinic/local/clinic.db", None),  # a local mount inside the NFS one wins
        ("/home/maria/clinic.db", None),
        ("/mnt/clinical.db", None),  # a name that only starts like a mount point
    ],
)
def test_network_mounts_are_recognised(path: str, fs_type: str | None) -> None:
    found = network_filesystem(Path(path), MOUNTS)
    assert (found.fs_type if found else None) == fs_type


def test_macos_mount_output_is_parsed() -> None:
    entries = parse_bsd_mount(
        "/dev/disk3s1 on / (apfs, local, journaled)\n"
        "//maria@nas._smb._tcp.local/Clinic on /Volumes/Clinic (smbfs, nodev, nosuid)\n"
    )
    found = network_filesystem(Path("/Volumes/Clinic/clinic.db"), entries)
    assert found is not None
    assert found.fs_type == "smbfs"


def test_refusal_explains_and_advises_a_server_database() -> None:
    with pytest.raises(NetworkStorageError) as refused:
        refuse_network_storage(Path("/mnt/clinic/clinic.db"), MOUNTS)
    message = str(refused.value)
    assert "network drive (nfs4)" in message
    assert "clinic server database" in message
    refuse_network_storage(Path("/home/maria/clinic.db"), MOUNTS)  # local: no error


def test_a_new_clinic_on_a_network_share_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = [MountEntry(str(tmp_path), "cifs", "//nas/physio")]

    def fake_table() -> Iterable[MountEntry]:
        return share

    monkeypatch.setattr(db_module, "mount_table", fake_table)
    with pytest.raises(NetworkStorageError):
        create_clinic(
            tmp_path / "clinic.db",
            NewUser("admin", "Admin", "admin", PASSWORD),
            config_dir=tmp_path / "config",
            kdf=KdfParams.fast(),
        )
    assert list(tmp_path.iterdir()) == []
