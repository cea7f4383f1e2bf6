"""FHIR R4 export of one patient's record or the whole clinic, as JSON bytes (docs/FHIR.md).

Who may export (services/policy.py): one patient's record needs ``document.export``, like
printing that patient's documents (practitioners, and anyone linked to a practitioner); the
whole clinic needs ``clinic.export``, held by admins only, who already answer for the clinic's
data leaving the building (backups, restores). Every export is audited with its SHA-256.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dnclinic.fhir.bundle import build_bundle
from dnclinic.fhir.records import ExportData
from dnclinic.services import fhir_gather as gather
from dnclinic.services.audit import AuditAction, AuditService
from dnclinic.services.errors import NotFoundError
from dnclinic.services.fhir_sessions import sessions
from dnclinic.services.policy import Permission

if TYPE_CHECKING:
    from dnclinic.model.db import Database
    from dnclinic.services.context import ServiceContext
    from dnclinic.services.muscles import MuscleCatalog

FORMAT = "FHIR R4 (4.0.1) JSON Bundle"


@dataclass(frozen=True, slots=True)
class FhirExport:
    """A finished export: the UTF-8 JSON bytes and what they hold."""

    content: bytes
    sha256: str
    resources: int
    patients: int
    scope: str


class FhirExportService:
    """Use cases for the FHIR export."""

    def __init__(
        self, db: Database, ctx: ServiceContext, audit: AuditService, muscles: MuscleCatalog
    ) -> None:
        self._db = db
        self._ctx = ctx
        self._audit = audit
        self._muscles = muscles

    def export_patient(self, patient_id: int) -> FhirExport:
        """Return one patient's whole record as a FHIR R4 Bundle (audited).

        Raises:
            PermissionDenied: the user may not export patient documents.
            NotFoundError: no such patient.
        """
        self._ctx.require(Permission.DOCUMENT_EXPORT)
        return self._export(patient_id)

    def export_clinic(self) -> FhirExport:
        """Return every patient of the clinic, with the practitioners, as one Bundle (audited).

        Raises:
            PermissionDenied: the user may not export the whole clinic (admins only).
        """
        self._ctx.require(Permission.CLINIC_EXPORT)
        return self._export(None)

    def _gather(self, patient_id: int | None) -> ExportData:
        with self._db.read() as s:  # one read session: a consistent snapshot
            patients = gather.patients(s, patient_id)
            if patient_id is not None and not patients:
                raise NotFoundError(f"Patient {patient_id} does not exist.")
            notes = sessions(s, patient_id, self._muscles)
            consents = gather.consents(s, patient_id)
            who = None
            if patient_id is not None:  # only the practitioners this record refers to
                who = {n.practitioner_id for n in notes} | {
                    c.recorded_by_id for c in consents if c.recorded_by_id is not None
                }
            return ExportData(
                clinic=gather.clinic_info(s),
                scope="clinic" if patient_id is None else "patient",
                generated_at=self._ctx.now(),
                practitioners=gather.practitioners(s, who),
                patients=patients,
                consents=consents,
                sessions=notes,
                outcomes=gather.outcomes(s, patient_id),
                documents=gather.documents(s, patient_id),
            )

    def _export(self, patient_id: int | None) -> FhirExport:
        data = self._gather(patient_id)
        bundle = build_bundle(data)
        text = json.dumps(bundle, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        content = text.encode()
        digest = hashlib.sha256(content).hexdigest()
        out = FhirExport(content, digest, len(bundle["entry"]), len(data.patients), data.scope)
        self._audit.record_now(
            AuditAction.PRINT_EXPORT, entity="fhir_bundle", patient_id=patient_id,
            details={"format": FORMAT, "scope": out.scope, "patients": out.patients,
                     "resources": out.resources, "sha256": digest},
        )  # fmt: skip
        return out
