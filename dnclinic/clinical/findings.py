"""Result types shared by the clinical rules: every result explains itself (HOUSE_STYLE G7)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a rule fired: rule id, plain-language text, evidence-registry ids and evidence status."""

    rule: str
    text: str
    sources: tuple[str, ...]
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"rule", "text", "sources", "evidence"}`` as in the recommendation JSON."""
        return {
            "rule": self.rule,
            "text": self.text,
            "sources": list(self.sources),
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class PlanWarning:
    """A caution attached to a needling plan; ``sources`` are evidence-registry ids."""

    code: str
    text: str
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"code", "text"}`` as in the recommendation JSON (sources stay internal)."""
        return {"code": self.code, "text": self.text}
