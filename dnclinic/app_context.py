"""The composition root: opens the clinic, builds the services and settings, once per process.

Everything is passed on through constructors; no module keeps a global instance. The GUI and the
command line both start here: :func:`create_clinic` for a new clinic, :func:`open_clinic` to log
in to an existing one, :func:`recover_clinic` when every admin password is lost.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dnclinic import paths
from dnclinic.model.audit_chain import anchor_path
from dnclinic.model.db import Database, database_url, refuse_network_storage
from dnclinic.model.keyring import (
    RECOVERY_ID,
    KdfParams,
    keyring_path,
    new_database_key,
    new_recovery_key,
)
from dnclinic.model.migrate import MigrationOutcome, ensure_schema
from dnclinic.services.access import AccessService
from dnclinic.services.adverse_events import AdverseEventService  # issue 6
from dnclinic.services.audit import AnchorStore, AuditAction, AuditService
from dnclinic.services.backup import BackupService
from dnclinic.services.chart import ChartService
from dnclinic.services.clinic import ClinicService
from dnclinic.services.context import Actor, Clock, ServiceContext, system_clock
from dnclinic.services.decisions import DecisionService, DecisionTimeline
from dnclinic.services.documents import DocumentService
from dnclinic.services.drafts import DraftService
from dnclinic.services.episodes import EpisodeService
from dnclinic.services.exams import ExamService
from dnclinic.services.keys import KeyStore
from dnclinic.services.muscles import MuscleCatalog
from dnclinic.services.outcomes import OutcomeService
from dnclinic.services.patients import PatientService
from dnclinic.services.plans import PlanService
from dnclinic.services.practitioner_profiles import ProfileService  # issue 6
from dnclinic.services.presence import PresenceService, Workstation  # issue 11
from dnclinic.services.server_transfer import ServerTransferService  # issue 11
from dnclinic.services.sessions import SessionService
from dnclinic.services.timeline import TimelineService
from dnclinic.services.training import TrainingService  # issue 6
from dnclinic.services.training_dashboard import TrainingDashboardService  # issue 6
from dnclinic.services.users import LoginFailed, NewUser, UserService, make_hasher
from dnclinic.services.verification import extra_verifiers
from dnclinic.settings import Settings, load_settings

if TYPE_CHECKING:
    from decimal import Decimal

    from dnclinic.services.users import UserRow


@dataclass(frozen=True, slots=True)
class Credentials:
    """A username and password (from the login dialog, options or the environment)."""

    username: str
    password: str


class ClinicNotFoundError(LookupError):
    """There is no clinic at this location yet (first run)."""


@dataclass(frozen=True, slots=True)
class AppContext:
    """Everything a front end needs, built once per open clinic."""

    db: Database
    config_dir: Path
    settings: Settings
    migration: MigrationOutcome
    services: ServiceContext
    keys: KeyStore | None
    audit: AuditService
    users: UserService
    access: AccessService
    clinic: ClinicService
    patients: PatientService
    episodes: EpisodeService
    chart: ChartService
    backups: BackupService
    # Previews and exports in progress are written here; removed when the clinic is closed.
    temp_dir: Path
    # --- charting (issue 5) ---
    exams: ExamService
    sessions: SessionService
    outcomes: OutcomeService
    drafts: DraftService
    timeline: TimelineService
    # --- documents (issue 8) ---
    documents: DocumentService
    # --- decision wizard (issue 7) ---
    decisions: DecisionService
    plans: PlanService
    # --- training (issue 6) ---
    profiles: ProfileService
    training: TrainingService
    training_dashboard: TrainingDashboardService
    adverse_events: AdverseEventService
    # --- clinic server (issue 11) ---
    server_transfer: ServerTransferService
    presence: PresenceService

    @property
    def database_label(self) -> str:
        """A short description of where the data is, for the status bar and messages."""
        path = self.db.sqlite_path
        return str(path) if path is not None else self.db.engine.url.render_as_string()

    @property
    def encrypted(self) -> bool:
        """Whether the database file is encrypted at rest."""
        return self.db.key is not None

    def close(self) -> None:
        """Log out, release the database and remove temporary files."""
        if self.services.actor.logged_in:
            self.access.logout()
        self.db.dispose()
        shutil.rmtree(self.temp_dir, ignore_errors=True)


def _sqlite_file(target: str | Path) -> Path | None:
    url = database_url(target)
    if url.get_backend_name() != "sqlite" or not url.database:
        return None
    return Path(url.database)


def clinic_exists(target: str | Path | None) -> bool:
    """Whether a clinic database already exists at ``target`` (default location when None)."""
    path = _sqlite_file(target if target is not None else paths.default_database_path())
    return path is None or path.exists()


def _build(
    target: str | Path,
    key: bytes | None,
    keys: KeyStore | None,
    *,
    config_dir: Path | None,
    clock: Clock,
    kdf: KdfParams,
) -> AppContext:
    config = config_dir if config_dir is not None else paths.user_config_dir()
    db = Database.open(target, key=key)
    try:
        outcome = ensure_schema(db.engine, now=clock(), key=key)
    except Exception:
        db.dispose()
        raise
    ctx = ServiceContext(clock=clock, actor=Actor("", logged_in=False))
    sqlite_file = db.sqlite_path
    anchors = AnchorStore(anchor_path(sqlite_file)) if sqlite_file else None
    audit = AuditService(db, ctx, anchors)
    users = UserService(db, ctx, audit, keys, make_hasher(kdf))
    patients = PatientService(db, ctx, audit)
    episodes = EpisodeService(db, ctx, audit)
    # --- charting (issue 5) ---
    exams = ExamService(db, ctx, audit)
    sessions = SessionService(db, ctx, audit, episodes, MuscleCatalog.load())
    outcomes = OutcomeService(db, ctx, audit)
    clinic = ClinicService(db, ctx, audit)
    # --- decision wizard (issue 7) ---
    training = TrainingService(db, ctx, audit)

    def legal_minimum() -> Decimal | None:
        """The minimum hours where the acting practitioner needles (their profile, else clinic)."""
        who = ctx.actor.practitioner_id
        return None if who is None else training.eligibility(who).jurisdiction_minimum_hours

    # the wizard reads the practitioner's hours from the training ledger (issue 6)
    decisions = DecisionService(
        db, ctx, audit, (patients, episodes, exams, outcomes, clinic),
        training_hours=training.total_hours, jurisdiction_minimum=legal_minimum,
    )  # fmt: skip
    plans = PlanService(db, ctx, audit)
    # --- documents (issue 8) ---
    documents = DocumentService(
        db, ctx, audit, clinic=clinic, patients=patients, episodes=episodes, exams=exams,
        sessions=sessions, outcomes=outcomes, plans=plans, decisions=decisions,
    )  # fmt: skip
    return AppContext(
        db=db,
        config_dir=config,
        settings=load_settings(config),
        migration=outcome,
        services=ctx,
        keys=keys,
        audit=audit,
        users=users,
        access=AccessService(ctx, audit, users, keys),
        clinic=clinic,
        patients=patients,
        episodes=episodes,
        chart=ChartService(ctx, patients, episodes, audit),
        backups=BackupService(db, ctx, audit, extra_verifiers()),
        temp_dir=Path(tempfile.mkdtemp(prefix="dnclinic-")),
        exams=exams,
        sessions=sessions,
        outcomes=outcomes,
        drafts=DraftService(db, ctx),
        timeline=TimelineService(
            episodes, exams, sessions, outcomes, (DecisionTimeline(decisions, plans),)
        ),
        documents=documents,
        decisions=decisions,
        plans=plans,
        # --- training (issue 6) ---
        profiles=ProfileService(db, ctx, audit),
        training=training,
        training_dashboard=TrainingDashboardService(db, ctx, audit),
        adverse_events=AdverseEventService(db, ctx, audit),
        server_transfer=ServerTransferService(db, ctx, audit),  # issue 11
        presence=PresenceService(db, ctx, Workstation()),
    )


def create_clinic(
    target: str | Path | None,
    admin: NewUser,
    *,
    encrypted: bool = True,
    demo: bool = False,
    config_dir: Path | None = None,
    clock: Clock = system_clock,
    kdf: KdfParams | None = None,
) -> tuple[AppContext, str | None]:
    """Create a new clinic database with its first admin, logged in.

    Args:
        target: a new database file (the default location when None) or a server URL.
        admin: the first account (its role is forced to admin).
        encrypted: encrypt the file at rest (the default; turning it off is audited).
        demo: mark the clinic as a demo (documented demo passwords; see ``dnclinic demo``).
        config_dir: where preferences are kept.
        clock: the time source.
        kdf: argon2id costs for passwords and key wraps.

    Returns:
        The open clinic, and the recovery key to print (None when not encrypted).

    Raises:
        FileExistsError: a clinic already exists there.
        NetworkStorageError: the file would be on a network share.
        ValidationFailed: the admin account is invalid (nothing is left behind).
    """
    kdf = kdf or KdfParams()
    target = target if target is not None else paths.default_database_path()
    path = _sqlite_file(target)
    keys: KeyStore | None = None
    key: bytes | None = None
    recovery: str | None = None
    if path is not None:
        if path.exists():
            raise FileExistsError(f"A clinic database already exists at {path}")
        refuse_network_storage(path)  # before the key file is written
        path.parent.mkdir(parents=True, exist_ok=True)
        key = new_database_key() if encrypted else None
        keys = KeyStore(keyring_path(path), kdf, key)
        keys.create(encrypted=encrypted, demo=demo)
        if encrypted:
            recovery = new_recovery_key()
            keys.set_wrap(RECOVERY_ID, recovery)
    ctx = _build(target, key, keys, config_dir=config_dir, clock=clock, kdf=kdf)
    try:
        first = NewUser(
            admin.username, admin.display_name, "admin", admin.password, admin.practitioner_id
        )
        row = ctx.users.create_user(first, bootstrap=True).value
    except Exception:
        ctx.db.dispose()
        if path is not None:
            for leftover in (path, keyring_path(path), *path.parent.glob(path.name + "*")):
                leftover.unlink(missing_ok=True)
        raise
    _start_session(ctx, row)
    ctx.audit.record_now(
        AuditAction.SETTINGS,
        entity="database",
        details={"encryption": "on" if encrypted else "off (chosen by the admin at creation)"},
    )
    return ctx, recovery


def _start_session(ctx: AppContext, user: UserRow) -> None:
    ctx.access.become(user)
    ctx.access.flush_pending_failures()
    ctx.audit.record_now(AuditAction.LOGIN, entity="user", entity_id=user.id)
    if ctx.keys is not None:
        ctx.keys.clear_failures(user.username)


def _keys_for(target: str | Path, kdf: KdfParams) -> KeyStore | None:
    path = _sqlite_file(target)
    if path is None:
        return None
    if not path.exists():
        raise ClinicNotFoundError(f"There is no clinic database at {path}.")
    keys = KeyStore(keyring_path(path), kdf)
    if keys.keyring() is None:  # a plain file from before keyrings existed
        keys.create(encrypted=False)
    return keys


def open_clinic(
    target: str | Path | None,
    credentials: Credentials,
    *,
    config_dir: Path | None = None,
    clock: Clock = system_clock,
    kdf: KdfParams | None = None,
) -> AppContext:
    """Log in to an existing clinic: unlock the database with the user's password and open it.

    Raises:
        ClinicNotFoundError: no clinic at ``target`` (run the first-run setup or ``dnclinic demo``).
        LoginFailed: wrong credentials, disabled account or back-off; the attempt is recorded.
        dnclinic.model.migrate.SchemaError: the database cannot be used by this version.
    """
    kdf = kdf or KdfParams()
    target = target if target is not None else paths.default_database_path()
    keys = _keys_for(target, kdf)
    username, password = credentials.username, credentials.password
    key: bytes | None = None
    if keys is not None:
        wait = keys.backoff(username, clock()).wait_seconds
        if wait > 0:
            raise LoginFailed(f"Too many failed attempts. Try again in {wait} seconds.")
        if keys.encrypted:
            key = keys.unwrap(username, password)
            if key is None:
                keys.record_failure(username, clock(), "wrong username or password")
                raise LoginFailed("Wrong username or password.")
            keys.db_key = key
    ctx = _build(target, key, keys, config_dir=config_dir, clock=clock, kdf=kdf)
    try:
        ctx.access.login(username, password)
    except LoginFailed:
        ctx.db.dispose()
        raise
    return ctx


def recover_clinic(
    target: str | Path,
    recovery_key: str,
    username: str,
    new_password: str,
    *,
    config_dir: Path | None = None,
    clock: Clock = system_clock,
    kdf: KdfParams | None = None,
) -> AppContext:
    """Open an encrypted clinic with its printed recovery key and set a user's new password.

    Raises:
        LoginFailed: the recovery key is wrong, or the user does not exist or is disabled.
    """
    from dnclinic.model.keyring import normalise_recovery_key

    kdf = kdf or KdfParams()
    keys = _keys_for(target, kdf)
    if keys is None or not keys.encrypted:
        raise LoginFailed("Only an encrypted clinic has a recovery key.")
    key = keys.unwrap_recovery(normalise_recovery_key(recovery_key))
    if key is None:
        keys.record_failure(RECOVERY_ID, clock(), "wrong recovery key")
        raise LoginFailed("That recovery key does not open this clinic.")
    keys.db_key = key
    ctx = _build(target, key, keys, config_dir=config_dir, clock=clock, kdf=kdf)
    try:
        user = ctx.users.recover_password(username, new_password)
    except Exception:
        ctx.db.dispose()
        raise
    _start_session(ctx, user)
    return ctx
