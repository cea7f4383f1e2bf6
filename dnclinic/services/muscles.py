"""The muscle list the session editor offers (``resources/muscles.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from dnclinic import paths
from dnclinic.model.search import fold

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True, slots=True)
class Muscle:
    """A muscle: code, label, body region, sidedness, typical spinal innervation levels.

    ``segmental`` marks paraspinal muscles needled at a chosen spinal level (the multifidi).
    """

    code: str
    label: str
    region: str
    sided: bool
    levels: tuple[str, ...]
    segmental: bool


class MuscleCatalog:
    """The muscles, by code, in the file's order."""

    def __init__(self, muscles: tuple[Muscle, ...]) -> None:
        self._muscles = muscles
        self._by_code = {m.code: m for m in muscles}

    @classmethod
    def load(cls, path: Path | None = None) -> MuscleCatalog:
        """Read the bundled muscle list (or ``path``)."""
        source = path or paths.resource_path("muscles.json")
        data = json.loads(source.read_text(encoding="utf-8"))
        return cls(
            tuple(
                Muscle(
                    str(m["code"]),
                    str(m["label"]),
                    str(m["region"]),
                    bool(m["sided"]),
                    tuple(str(x) for x in m["levels"]),
                    bool(m["segmental"]),
                )
                for m in data["muscles"]
            )
        )

    def all(self) -> tuple[Muscle, ...]:
        """Return every muscle in list order."""
        return self._muscles

    def get(self, code: str) -> Muscle | None:
        """Return the muscle with ``code``, or None."""
        return self._by_code.get(code)

    def label(self, code: str) -> str:
        """Return a muscle's label (the code itself for an unknown one)."""
        muscle = self._by_code.get(code)
        return muscle.label if muscle else code

    @cached_property
    def _folded(self) -> list[tuple[str, Muscle]]:
        return [(fold(f"{m.label} {m.code.replace('_', ' ')}"), m) for m in self._muscles]

    def search(self, text: str) -> list[Muscle]:
        """Return muscles whose label contains every word of ``text`` (accents, case ignored)."""
        words = fold(text).split()
        return [m for key, m in self._folded if all(w in key for w in words)]

    def segmental_for(self, level: str) -> Muscle | None:
        """Return the multifidus (segmental muscle) needled at a spinal ``level``, if any."""
        return next((m for m in self._muscles if m.segmental and level in m.levels), None)
