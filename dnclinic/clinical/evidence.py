"""The evidence registry: every source a rule, warning or instrument cites, readable in the app.

The registry is ``resources/evidence.json``. Each entry carries the citation, a DOI or URL, its
evidence status copied from CLINICAL_REFERENCE.md (``confirmed``, ``as cited by seed 2``,
``UNCONFIRMED`` ...), the seed document it came from (or null) and a short summary. A status that
does not begin with ``confirmed`` must never be presented as settled fact.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from dnclinic.paths import resource_path

if TYPE_CHECKING:
    from collections.abc import Mapping

_REQUIRED = ("id", "citation", "doi_or_url", "evidence_status", "seed", "summary")


@dataclass(frozen=True, slots=True)
class EvidenceSource:
    """One citable source: citation, link, honest evidence status and provenance."""

    id: str
    citation: str
    doi_or_url: str | None
    evidence_status: str
    seed: str | None
    summary: str
    status_note: str = ""

    @property
    def is_confirmed(self) -> bool:
        """True when the reference marks this source as checked (status ``confirmed``)."""
        return is_confirmed_status(self.evidence_status)


def is_confirmed_status(status: str) -> bool:
    """Tell whether an evidence status claims the fact was checked.

    A status claims confirmation when it starts with ``confirmed`` and carries no ``UNCONFIRMED``
    or ``contradicted`` mark anywhere (CLINICAL_REFERENCE.md, "How to read the evidence marks").
    """
    lowered = status.lower()
    return (
        lowered.startswith("confirmed")
        and "unconfirmed" not in lowered
        and ("contradicted" not in lowered)
    )


@functools.cache
def registry() -> Mapping[str, EvidenceSource]:
    """Return the parsed registry, keyed by source id (read once, then cached).

    Raises:
        FileNotFoundError: when ``evidence.json`` is not shipped.
        ValueError: when an entry lacks a required field or an id appears twice.
    """
    raw = json.loads(resource_path("evidence.json").read_text(encoding="utf-8"))
    sources: dict[str, EvidenceSource] = {}
    for entry in raw["sources"]:
        item = _read_entry(entry)
        if item.id in sources:
            raise ValueError(f"evidence.json: source id {item.id!r} appears twice")
        sources[item.id] = item
    return MappingProxyType(sources)


def _read_entry(entry: Mapping[str, Any]) -> EvidenceSource:
    missing = [key for key in _REQUIRED if key not in entry]
    if missing or not str(entry.get("evidence_status", "")).strip():
        raise ValueError(f"evidence.json: entry {entry.get('id')!r} lacks {missing or 'a status'}")
    return EvidenceSource(
        id=entry["id"],
        citation=entry["citation"],
        doi_or_url=entry["doi_or_url"],
        evidence_status=entry["evidence_status"],
        seed=entry["seed"],
        summary=entry["summary"],
        status_note=entry.get("status_note", ""),
    )


def source(source_id: str) -> EvidenceSource:
    """Return one registry entry by id, e.g. ``source("GER17")``.

    Raises:
        KeyError: naming the unknown id.
    """
    try:
        return registry()[source_id]
    except KeyError:
        raise KeyError(f"unknown evidence source {source_id!r}") from None


def cite(source_id: str) -> str:
    """Return a one-line reference for explanations: ``[ID] citation. link (status)``."""
    item = source(source_id)
    link = f" {item.doi_or_url}" if item.doi_or_url else ""
    return f"[{item.id}] {item.citation}{link} (evidence: {item.evidence_status})"
