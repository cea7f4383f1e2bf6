"""The composition root: opens the clinic, builds the services and settings, once per process.

Everything is passed on through constructors; no module keeps a global instance. The GUI and the
command line both start here: :func:`create_clinic` for a new clinic, :func:`open_clinic` to log
in to an existing one, :func:`recover_clinic` when every admin password is lost.
"""

from __future__ import annotations

import importlib
import shutil
import tempfile
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from dnclinic import paths
from dnclinic.credentials import Credentials as Credentials  # noqa: TC001 - re-exported
from dnclinic.model.audit_chain import anchor_path, server_anchor_path
from dnclinic.model.db import (
    Database,
    database_url,
    refuse_network_storage,
    server_holds_clinic,
)
from dnclinic.model.keyring import (
    RECOVERY_ID,
    KdfParams,
    keyring_path,
    new_database_key,
    new_recovery_key,
    user_label,
)
from dnclinic.model.migrate import MigrationOutcome, ensure_schema
from dnclinic.services.access import AccessService
from dnclinic.services.audit import AnchorStore, AuditAction, AuditService
from dnclinic.services.authentication import Authenticator, LoginFailed, make_hasher
from dnclinic.services.clinic_title import ClinicTitleService
from dnclinic.services.context import Actor, Clock, ServiceContext, system_clock
from dnclinic.services.keys import KeyStore
from dnclinic.services.patient_search import PatientSearchService
from dnclinic.settings import Settings, load_settings

if TYPE_CHECKING:
    from decimal import Decimal

    from dnclinic.services.adverse_events import AdverseEventService
    from dnclinic.services.authentication import UserRow
    from dnclinic.services.backup import BackupService
    from dnclinic.services.chart import ChartService
    from dnclinic.services.clinic import ClinicService
    from dnclinic.services.csv_export import CsvExportService
    from dnclinic.services.csv_import import CheckedExport, ImportOutcome
    from dnclinic.services.decisions import DecisionService
    from dnclinic.services.documents import DocumentService
    from dnclinic.services.drafts import DraftService
    from dnclinic.services.episodes import EpisodeService
    from dnclinic.services.exams import ExamService
    from dnclinic.services.fhir_export import FhirExportService
    from dnclinic.services.outcomes import OutcomeService
    from dnclinic.services.patients import PatientService
    from dnclinic.services.plans import PlanService
    from dnclinic.services.practitioner_profiles import ProfileService
    from dnclinic.services.presence import PresenceService
    from dnclinic.services.server_transfer import ServerTransferService
    from dnclinic.services.sessions import SessionService
    from dnclinic.services.timeline import TimelineService
    from dnclinic.services.training import TrainingService
    from dnclinic.services.training_dashboard import TrainingDashboardService
    from dnclinic.services.users import NewUser, UserService


class ClinicNotFoundError(LookupError):
    """There is no clinic at this location yet (first run)."""


S = TypeVar("S")


class _Built(Generic[S]):
    """A service built on first use as ``Service(db, services, audit)``; its module imported then.

    A non-data descriptor: the built service is stored on the instance, so later reads are plain
    attribute lookups.
    """

    def __init__(self, where: str) -> None:
        module, _, self._cls = where.rpartition(".")  # "module.Class" under dnclinic.services
        self._module = f"dnclinic.services.{module}"
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, obj: None, owner: type) -> _Built[S]: ...
    @overload
    def __get__(self, obj: AppContext, owner: type) -> S: ...
    def __get__(self, obj: AppContext | None, owner: type) -> _Built[S] | S:
        if obj is None:
            return self
        service: S = getattr(importlib.import_module(self._module), self._cls)(
            obj.db, obj.services, obj.audit
        )
        obj.__dict__[self._name] = service
        return service


class AppContext:
    """Everything a front end needs, built once per open clinic.

    What logging in and the patient list need is built at once; every other service is built,
    and its module imported, the first time it is used. That keeps start-up to the work the
    first screen needs (benchmarks/startup.py measures it).
    """

    def __init__(
        self,
        *,
        db: Database,
        config_dir: Path,
        settings: Settings,
        migration: MigrationOutcome,
        services: ServiceContext,
        keys: KeyStore | None,
        audit: AuditService,
        auth: Authenticator,
        temp_dir: Path,
    ) -> None:
        self.db = db
        self.config_dir = config_dir
        self.settings = settings
        self.migration = migration
        self.services = services
        self.keys = keys
        self.audit = audit
        self._auth = auth
        # Previews and exports in progress are written here; removed when the clinic is closed.
        self.temp_dir = temp_dir
        self.access = AccessService(services, audit, auth, keys)
        # The patient list's queries; the rest of the patient record is in ``patients``.
        self.patient_search = PatientSearchService(db, services)
        # The clinic's name for the window title (its details are in ``clinic``).
        self.clinic_title = ClinicTitleService(db)

    # --- built on first use ----------------------------------------------------------------
    # Patient records: registration, details, corrections.
    patients: _Built[PatientService] = _Built("patients.PatientService")

    @cached_property
    def users(self) -> UserService:
        """User accounts and roles (administrators), and changing one's own password."""
        from dnclinic.services.users import UserService

        return UserService(self.db, self.services, self.audit, self.keys, self._auth)

    # Clinic details, practitioners and the letterhead.
    clinic: _Built[ClinicService] = _Built("clinic.ClinicService")
    # Episodes of care and screenings.
    episodes: _Built[EpisodeService] = _Built("episodes.EpisodeService")

    @cached_property
    def chart(self) -> ChartService:
        """A patient's chart header and episodes."""
        from dnclinic.services.chart import ChartService

        return ChartService(self.services, self.patients, self.episodes, self.audit)

    @cached_property
    def backups(self) -> BackupService:
        """Verified backups and restore."""
        from dnclinic.services.backup import BackupService
        from dnclinic.services.verification import extra_verifiers

        return BackupService(self.db, self.services, self.audit, extra_verifiers())

    # --- charting (issue 5) ---
    # Neurological exams.
    exams: _Built[ExamService] = _Built("exams.ExamService")

    @cached_property
    def sessions(self) -> SessionService:
        """Needling sessions, signing and addenda."""
        from dnclinic.services.muscles import MuscleCatalog
        from dnclinic.services.sessions import SessionService

        return SessionService(
            self.db, self.services, self.audit, self.episodes, MuscleCatalog.load()
        )

    # Outcome scores.
    outcomes: _Built[OutcomeService] = _Built("outcomes.OutcomeService")

    @cached_property
    def drafts(self) -> DraftService:
        """Autosaved drafts."""
        from dnclinic.services.drafts import DraftService

        return DraftService(self.db, self.services)

    @cached_property
    def timeline(self) -> TimelineService:
        """A patient's timeline across exams, sessions, outcomes and decisions."""
        from dnclinic.services.decisions import DecisionTimeline
        from dnclinic.services.timeline import TimelineService

        extra = (DecisionTimeline(self.decisions, self.plans),)
        return TimelineService(self.episodes, self.exams, self.sessions, self.outcomes, extra)

    # --- documents (issue 8) ---
    @cached_property
    def documents(self) -> DocumentService:
        """Session notes, home plans, progress reports and their archive."""
        from dnclinic.services.documents import DocumentService

        return DocumentService(
            self.db, self.services, self.audit, clinic=self.clinic, patients=self.patients,
            episodes=self.episodes, exams=self.exams, sessions=self.sessions,
            outcomes=self.outcomes, plans=self.plans, decisions=self.decisions,
        )  # fmt: skip

    # --- decision wizard (issue 7) ---
    @cached_property
    def decisions(self) -> DecisionService:
        """Recorded decisions; the wizard reads the practitioner's hours from the ledger."""
        from dnclinic.services.decisions import DecisionService

        training, ctx = self.training, self.services

        def legal_minimum() -> Decimal | None:
            """The minimum hours where the acting practitioner needles (profile, else clinic)."""
            who = ctx.actor.practitioner_id
            return None if who is None else training.eligibility(who).jurisdiction_minimum_hours

        return DecisionService(
            self.db, ctx, self.audit,
            (self.patients, self.episodes, self.exams, self.outcomes, self.clinic),
            training_hours=training.total_hours, jurisdiction_minimum=legal_minimum,
        )  # fmt: skip

    # Stored home-loading plans.
    plans: _Built[PlanService] = _Built("plans.PlanService")
    # --- training (issue 6) ---
    # Practitioner profiles.
    profiles: _Built[ProfileService] = _Built("practitioner_profiles.ProfileService")
    # The training ledger and eligibility.
    training: _Built[TrainingService] = _Built("training.TrainingService")
    # The manager's training dashboard.
    training_dashboard: _Built[TrainingDashboardService] = _Built(
        "training_dashboard.TrainingDashboardService"
    )
    # The adverse-event register.
    adverse_events: _Built[AdverseEventService] = _Built("adverse_events.AdverseEventService")

    # --- CSV export (issue 11) ---
    @cached_property
    def csv_export(self) -> CsvExportService:
        """Every table of the clinic as CSV files (administrators)."""
        from dnclinic.services.csv_export import CsvExportService

        return CsvExportService(self.db, self.services, self.audit, self.keys)

    # --- FHIR export (issue 11) ---
    @cached_property
    def fhir(self) -> FhirExportService:
        """FHIR R4 bundles of one patient (practitioners) or the whole clinic (administrators)."""
        from dnclinic.services.fhir_export import FhirExportService

        return FhirExportService(self.db, self.services, self.audit, self.sessions.muscles)

    # --- clinic server (issue 11) ---
    # Copying a clinic file into an empty server database (migrate-to-server).
    server_transfer: _Built[ServerTransferService] = _Built("server_transfer.ServerTransferService")

    @cached_property
    def presence(self) -> PresenceService:
        """Who else has a chart open for editing (another workstation)."""
        from dnclinic.services.presence import PresenceService, Workstation

        return PresenceService(self.db, self.services, Workstation())

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


def is_server(target: str | Path | None) -> bool:
    """Whether ``target`` is a clinic server database (a URL), not a clinic file."""
    return target is not None and _sqlite_file(target) is None


def clinic_exists(target: str | Path | None) -> bool:
    """Whether a clinic database already exists at ``target`` (default location when None).

    A clinic file exists or not; a server database holds a clinic once it has an account.
    """
    target = target if target is not None else paths.default_database_path()
    path = _sqlite_file(target)
    return path.exists() if path is not None else server_holds_clinic(str(target))


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
    where = (
        anchor_path(sqlite_file)
        if sqlite_file
        else server_anchor_path(config, db.engine.url.render_as_string(hide_password=True))
    )
    anchors = AnchorStore(where)
    audit = AuditService(db, ctx, anchors)
    return AppContext(
        db=db,
        config_dir=config,
        settings=load_settings(config),
        migration=outcome,
        services=ctx,
        keys=keys,
        audit=audit,
        auth=Authenticator(db, make_hasher(kdf)),
        temp_dir=Path(tempfile.mkdtemp(prefix="dnclinic-")),
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
    taken = FileExistsError(f"A clinic database already exists at {path}")
    keys, key, recovery = _new_keys(path, kdf, encrypted=encrypted, demo=demo, taken=taken)
    ctx = _build(target, key, keys, config_dir=config_dir, clock=clock, kdf=kdf)
    try:
        first = replace(admin, role="admin")
        row = ctx.users.create_user(first, bootstrap=True).value
    except Exception:
        _discard(ctx, path)
        raise
    _start_session(ctx, row)
    ctx.audit.record_now(
        AuditAction.SETTINGS,
        entity="database",
        details={"encryption": _encryption_note(path is not None, encrypted)},
    )
    return ctx, recovery


def _new_keys(
    path: Path | None, kdf: KdfParams, *, encrypted: bool, demo: bool, taken: Exception
) -> tuple[KeyStore | None, bytes | None, str | None]:
    """Write the key file of a new clinic database; return it, the key and the recovery key.

    A server database (``path`` None) has none. Raises ``taken`` when the file exists already.
    """
    if path is None:
        return None, None, None
    if path.exists():
        raise taken
    refuse_network_storage(path)  # before the key file is written
    path.parent.mkdir(parents=True, exist_ok=True)
    key = new_database_key() if encrypted else None
    keys = KeyStore(keyring_path(path), kdf, key)
    keys.create(encrypted=encrypted, demo=demo)
    recovery = new_recovery_key() if encrypted else None
    if recovery is not None:
        keys.set_wrap(RECOVERY_ID, recovery)
    return keys, key, recovery


def _discard(ctx: AppContext, path: Path | None) -> None:
    """Close a clinic whose creation failed and remove every file it had written."""
    ctx.db.dispose()
    shutil.rmtree(ctx.temp_dir, ignore_errors=True)
    if path is not None:  # only its own files, never another file that shares the prefix
        sqlite_files = (path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))
        for leftover in (path, keyring_path(path), anchor_path(path), *sqlite_files):
            leftover.unlink(missing_ok=True)


def import_clinic(
    target: str | Path,
    export: CheckedExport,
    credentials: Credentials,
    *,
    config_dir: Path | None = None,
    clock: Clock = system_clock,
    kdf: KdfParams | None = None,
) -> tuple[AppContext, ImportOutcome]:
    """Create a clinic from a checked CSV export folder (see :mod:`dnclinic.services.csv_import`).

    A new file gets a new database key, wrapped for the importing administrator and a new
    recovery key. The other accounts keep their password hashes but cannot unlock the file
    until an administrator resets their passwords (they are listed in the outcome). The clinic
    is returned open but nobody is logged in (logging in could rehash the importer's password).

    Raises:
        LoginFailed: the credentials are not those of an account of the exported clinic.
        PermissionDenied: that account may not import (administrators only).
        TransferError: the target already holds a clinic, or the rows do not fit together;
            nothing is left behind.
        NetworkStorageError: the file would be on a network share.
    """
    from dnclinic.model.transfer import TransferError
    from dnclinic.services.csv_import import ImportOutcome, authorise_importer, load_clinic

    kdf = kdf or KdfParams()
    authorise_importer(export, credentials.username, credentials.password)
    path = _sqlite_file(target)
    taken = TransferError(
        f"{path} already exists: dnclinic imports only into a new, empty clinic. Choose a new "
        "file; nothing was written."
    )
    keys, key, recovery = _new_keys(
        path, kdf, encrypted=True, demo=export.manifest.demo, taken=taken
    )
    ctx = _build(target, key, keys, config_dir=config_dir, clock=clock, kdf=kdf)
    try:
        load_clinic(ctx.db, ctx.audit, export, credentials.username)
        if keys is not None:
            keys.set_wrap(credentials.username, credentials.password)
    except BaseException:
        _discard(ctx, path)
        raise
    me = user_label(credentials.username)
    others = tuple(a.username for a in export.accounts if a.active and user_label(a.username) != me)
    return ctx, ImportOutcome(export.manifest, recovery, others if keys is not None else ())


def _encryption_note(is_file: bool, encrypted: bool) -> str:
    if not is_file:
        return "a clinic server: TLS to the server and its own disk encryption (docs/SERVER.md)"
    return "on" if encrypted else "off (chosen by the admin at creation)"


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
