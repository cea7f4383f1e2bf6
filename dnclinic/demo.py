"""The demo clinic with its accounts: what ``dnclinic demo``, screenshots and benchmarks open.

Demo accounts (documented in the README, printed by ``dnclinic demo``), all with the password
``dnclinic-demo``: ``admin`` (administrator), ``manager`` (clinic manager) and ``physio``
(practitioner, Maria Alvarez). A demo clinic is marked as such in its key file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dnclinic.app_context import AppContext, Credentials, create_clinic
from dnclinic.services.demo import DemoSummary, build_demo
from dnclinic.services.users import NewUser

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from dnclinic.model.keyring import KdfParams
    from dnclinic.services.context import Clock

DEMO_PASSWORD = "dnclinic-demo"
DEMO_ACCOUNTS = (
    ("admin", "Demo Administrator", "admin"),
    ("manager", "Demo Clinic Manager", "manager"),
    ("physio", "Maria Alvarez", "practitioner"),
)
DEMO_LOGIN = Credentials("physio", DEMO_PASSWORD)
# Backups, restores and checks on a demo clinic fall back to its administrator.
DEMO_ADMIN_LOGIN = Credentials("admin", DEMO_PASSWORD)


def create_demo_clinic(
    target: str | Path,
    *,
    patients: int,
    seed: int,
    clock: Clock,
    kdf: KdfParams | None = None,
    config_dir: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[AppContext, DemoSummary]:
    """Create an encrypted demo clinic with its accounts, logged in as ``physio``.

    Raises:
        FileExistsError: a clinic already exists at ``target``.
    """
    ctx, _recovery = create_clinic(
        target,
        NewUser("admin", DEMO_ACCOUNTS[0][1], "admin", DEMO_PASSWORD),
        demo=True,
        config_dir=config_dir,
        clock=clock,
        kdf=kdf,
    )
    try:
        summary = build_demo(ctx.db, patients=patients, seed=seed, now=clock(), progress=progress)
        maria = next(p for p in ctx.clinic.practitioners() if p.display_name == "Maria Alvarez")
        for username, name, role in DEMO_ACCOUNTS[1:]:
            linked = maria.id if role == "practitioner" else None
            ctx.users.create_user(NewUser(username, name, role, DEMO_PASSWORD, linked))
        ctx.access.login(DEMO_LOGIN.username, DEMO_LOGIN.password)
    except Exception:
        ctx.close()
        raise
    return ctx, summary
