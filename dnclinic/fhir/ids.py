"""Stable resource ids: a UUID derived from the clinic, the table and the row id.

The same record exported twice gets the same id and ``urn:uuid:`` full URL, so a receiver can
match a re-export with the earlier one, and references inside a bundle resolve.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dnclinic.fhir.codes import JSON


class ResourceIds:
    """Ids in the clinic's own UUID namespace (uuid5 of ``dnclinic:clinic:<key>``)."""

    def __init__(self, clinic_key: str) -> None:
        self._namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"dnclinic:clinic:{clinic_key}")

    def id(self, table: str, row_id: int | str, *more: str) -> str:
        """Return the resource id of a row (``more`` tells apart resources from one row)."""
        return str(uuid.uuid5(self._namespace, "/".join((table, str(row_id), *more))))

    def url(self, table: str, row_id: int | str, *more: str) -> str:
        """Return the ``urn:uuid:`` full URL of a row's resource."""
        return f"urn:uuid:{self.id(table, row_id, *more)}"

    def ref(self, table: str, row_id: int | str, *more: str, display: str = "") -> JSON:
        """Return a Reference to a row's resource (resolved by its full URL in the bundle)."""
        out: JSON = {"reference": self.url(table, row_id, *more)}
        if display:
            out["display"] = display
        return out
