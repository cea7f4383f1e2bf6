"""The demo clinic with its accounts: what ``dnclinic demo``, screenshots and benchmarks open.

Demo accounts (documented in the README, printed by ``dnclinic demo``), all with the password
``dnclinic-demo``: ``admin`` (administrator), ``manager`` (clinic manager) and ``physio``
(practitioner, Maria Alvarez). A demo clinic is marked as such in its key file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Only the accounts are needed by the command line's parser, which every ``dnclinic`` command
# builds (the GUI too); what builds a demo clinic loads when one is built.
from dnclinic.credentials import Credentials

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from dnclinic.app_context import AppContext
    from dnclinic.model.keyring import KdfParams
    from dnclinic.services.context import Clock
    from dnclinic.services.demo import DemoSummary

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
    from dnclinic.app_context import create_clinic
    from dnclinic.services.demo import build_demo
    from dnclinic.services.users import NewUser

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
        _showcase_corrections(ctx)
    except Exception:
        ctx.close()
        raise
    return ctx, summary


SHOWCASE_MRN = "DEMO-000001"


def _showcase_corrections(ctx: AppContext) -> None:
    """Give the showcase patient what corrections look like, through the real services.

    An addendum under the latest signed note, that note printed (so it is in the document archive
    and in a FHIR export as a DocumentReference), and a pain score marked entered in error.
    """
    patient = ctx.patients.find_by_mrn(SHOWCASE_MRN)
    signed = (
        []
        if patient is None
        else [n for n in ctx.sessions.sessions(patient.id) if n.status == "signed"]
    )
    if patient is None or not signed:
        return  # a demo with no patients
    note = max(signed, key=lambda n: n.session_at)
    ctx.sessions.add_addendum(
        note.id, "Late entry",
        "Patient phoned the next day: soreness settled within 24 hours, no bruising.",
    )  # fmt: skip
    ctx.documents.archive(ctx.documents.render_note(note.id), how="print")
    score = ctx.outcomes.record(
        patient.id, "NPRS", note.session_at.date(), (9,), episode_id=None
    ).value
    ctx.outcomes.mark_entered_in_error(
        score.id, score.version_id, "Scored for the wrong patient (belongs to DEMO-000002)."
    )
