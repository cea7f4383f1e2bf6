"""Checks shared by the FHIR tests: validation with fhir.resources' R4 models, references.

fhir.resources 6.4 is the last release whose default models are FHIR R4 (4.0.1); later ones
default to R5 and keep only R4B. It checks structure, types and cardinality, not the codes of
required bindings, so :func:`check_bundle` also checks the status codes we emit against the R4
value sets, and FHIR's rule that no element is empty (ele-1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fhir.resources import __fhir_version__
from fhir.resources.bundle import Bundle

if TYPE_CHECKING:
    from collections.abc import Iterator

    from dnclinic.fhir.codes import JSON

# Required bindings of FHIR R4 4.0.1 (element -> allowed codes) for what the export writes.
R4_CODES: dict[tuple[str, str], frozenset[str]] = {
    ("Encounter", "status"): frozenset({"planned", "arrived", "triaged", "in-progress",
                                        "onleave", "finished", "cancelled", "entered-in-error",
                                        "unknown"}),
    ("Procedure", "status"): frozenset({"preparation", "in-progress", "not-done", "on-hold",
                                        "stopped", "completed", "entered-in-error", "unknown"}),
    ("Observation", "status"): frozenset({"registered", "preliminary", "final", "amended",
                                          "corrected", "cancelled", "entered-in-error",
                                          "unknown"}),
    ("QuestionnaireResponse", "status"): frozenset({"in-progress", "completed", "amended",
                                                    "entered-in-error", "stopped"}),
    ("Consent", "status"): frozenset({"draft", "proposed", "active", "rejected", "inactive",
                                      "entered-in-error"}),
    ("DocumentReference", "status"): frozenset({"current", "superseded", "entered-in-error"}),
    ("AdverseEvent", "actuality"): frozenset({"actual", "potential"}),
    ("Patient", "gender"): frozenset({"male", "female", "other", "unknown"}),
}  # fmt: skip


def validated(bundle: JSON) -> Any:
    """Parse ``bundle`` with the R4 models (every entry's resource too); raise if invalid."""
    assert __fhir_version__ == "4.0.1"
    return Bundle.parse_obj(bundle)


def entries(bundle: JSON, kind: str | None = None) -> list[JSON]:
    """Return the resources of the bundle (of one resource type when ``kind`` is given)."""
    found = [e["resource"] for e in bundle["entry"]]
    return [r for r in found if kind is None or r["resourceType"] == kind]


def references(node: object) -> Iterator[str]:
    """Yield every ``Reference.reference`` anywhere below ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


def empty_elements(node: object, path: str = "") -> Iterator[str]:
    """Yield the paths of empty strings, lists and objects (forbidden by FHIR ele-1)."""
    if node in ("", [], {}):
        yield path
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from empty_elements(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from empty_elements(item, f"{path}[{i}]")


def check_bundle(bundle: JSON) -> Any:
    """Validate, then check full URLs, references, required codes and empty elements."""
    parsed = validated(bundle)
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls), "duplicate fullUrl"
    for e in bundle["entry"]:
        assert e["fullUrl"] == f"urn:uuid:{e['resource']['id']}"
    dangling = set(references(bundle)) - set(urls)
    assert not dangling, f"references that do not resolve in the bundle: {sorted(dangling)[:5]}"
    for r in entries(bundle):
        for (kind, element), allowed in R4_CODES.items():
            if r["resourceType"] == kind:
                assert r[element] in allowed, f"{kind}.{element} = {r[element]!r}"
    assert not list(empty_elements(bundle))
    return parsed
