"""The composition root: builds the database, the services and the settings, once per process.

Everything is passed on through constructors; no module keeps a global instance. The GUI and the
command line both start from :func:`open_clinic`.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from pathlib import Path

from dnclinic import paths
from dnclinic.model.db import Database
from dnclinic.model.migrate import MigrationOutcome, ensure_schema
from dnclinic.services.audit import AnchorStore, AuditService
from dnclinic.services.chart import ChartService
from dnclinic.services.clinic import ClinicService
from dnclinic.services.context import Actor, Clock, ServiceContext, system_clock
from dnclinic.services.drafts import DraftService
from dnclinic.services.episodes import EpisodeService
from dnclinic.services.exams import ExamService
from dnclinic.services.muscles import MuscleCatalog
from dnclinic.services.outcomes import OutcomeService
from dnclinic.services.patients import PatientService
from dnclinic.services.sessions import SessionService
from dnclinic.services.timeline import TimelineService
from dnclinic.settings import Settings, load_settings


@dataclass(frozen=True, slots=True)
class AppContext:
    """Everything a front end needs, built once."""

    db: Database
    config_dir: Path
    settings: Settings
    migration: MigrationOutcome
    services: ServiceContext
    audit: AuditService
    clinic: ClinicService
    patients: PatientService
    episodes: EpisodeService
    chart: ChartService
    # --- charting (issue 5) ---
    exams: ExamService
    sessions: SessionService
    outcomes: OutcomeService
    drafts: DraftService
    timeline: TimelineService

    @property
    def database_label(self) -> str:
        """A short description of where the data is, for the status bar and messages."""
        path = self.db.sqlite_path
        return str(path) if path is not None else self.db.engine.url.render_as_string()

    def close(self) -> None:
        """Release the database."""
        self.db.dispose()


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers and services)
        return "workstation"


def open_clinic(
    target: str | Path | None = None,
    *,
    config_dir: Path | None = None,
    clock: Clock = system_clock,
    actor: Actor | None = None,
) -> AppContext:
    """Open (creating or upgrading as needed) the clinic database and build the services.

    Args:
        target: a database path or URL; the platform's default location when None.
        config_dir: where preferences are kept; the platform's config folder when None.
        clock: the time source (tests pass a fixed clock).
        actor: who is acting (tests and scripts); the login sets it in the GUI.

    Raises:
        dnclinic.model.migrate.SchemaError: the database cannot be used by this version.
    """
    if target is None:
        target = paths.default_database_path()
    elif "://" not in str(target):
        Path(target).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    config = config_dir if config_dir is not None else paths.user_config_dir()
    db = Database.open(target)
    try:
        outcome = ensure_schema(db.engine, now=clock())
    except Exception:
        db.dispose()
        raise
    ctx = ServiceContext(clock=clock, actor=actor or Actor(_default_actor(), logged_in=False))
    sqlite_file = db.sqlite_path
    anchors = (
        AnchorStore(sqlite_file.with_name(sqlite_file.name + ".audit-anchor"))
        if sqlite_file
        else None
    )
    audit = AuditService(db, ctx, anchors)
    patients = PatientService(db, ctx, audit)
    episodes = EpisodeService(db, ctx, audit)
    # --- charting (issue 5) ---
    exams = ExamService(db, ctx, audit)
    sessions = SessionService(db, ctx, audit, episodes, MuscleCatalog.load())
    outcomes = OutcomeService(db, ctx, audit)
    return AppContext(
        db=db,
        config_dir=config,
        settings=load_settings(config),
        migration=outcome,
        services=ctx,
        audit=audit,
        clinic=ClinicService(db, ctx, audit),
        patients=patients,
        episodes=episodes,
        chart=ChartService(patients, episodes, audit),
        exams=exams,
        sessions=sessions,
        outcomes=outcomes,
        drafts=DraftService(db, ctx),
        timeline=TimelineService(episodes, exams, sessions, outcomes),
    )
