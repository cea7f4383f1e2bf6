"""Archived PDFs as DocumentReferences: described and fingerprinted, the bytes not embedded.

FHIR R4 ``Attachment.hash`` is the base64 of the SHA-1; our own SHA-256 (what the archive and
the audit trail use) travels as an identifier. The PDF itself stays in the clinic (docs/FHIR.md).
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from dnclinic.fhir.codes import (
    JSON,
    drop_empty,
    instant,
    local_concept,
    local_identifier,
)

if TYPE_CHECKING:
    from dnclinic.fhir.ids import ResourceIds
    from dnclinic.fhir.records import DocumentInfo


def document_reference(d: DocumentInfo, ids: ResourceIds) -> JSON:
    """Return a DocumentReference for one archived PDF."""
    context = {}
    if d.session_id is not None:
        context = {"encounter": [ids.ref("needling_sessions", d.session_id)]}
    attachment = drop_empty({
        "contentType": "application/pdf",
        "size": d.size,
        "hash": base64.b64encode(bytes.fromhex(d.sha1)).decode("ascii"),
        "title": d.title,
        "creation": instant(d.printed_at),
    })  # fmt: skip
    return drop_empty({
        "resourceType": "DocumentReference",
        "id": ids.id("patient_documents", d.id),
        "identifier": [{"system": local_identifier("sha256"), "value": d.sha256}],
        "status": "current",  # archived documents are never replaced or withdrawn
        "type": local_concept("document-kind", d.kind, d.kind_label),
        "subject": ids.ref("patients", d.patient_id),
        "date": instant(d.printed_at),
        "author": [{"display": d.author_name}] if d.author_name.strip() else [],
        "description": d.title,
        "content": [{"attachment": attachment}],
        "context": context,
    })  # fmt: skip
