"""Strict readers for case input: every problem names the key path and the allowed values.

DECISION_RULES section 1: an invalid case is rejected with a message naming the key and the allowed
values; it is never guessed at. ``bool`` is never accepted where a number is expected.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any


class CaseError(ValueError):
    """An invalid decision case; the message starts with the key path, e.g. ``neuro.reflexes``."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path or '(case)'}: {message}")
        self.path = path


def join(path: str, key: str) -> str:
    """Return ``path.key`` (or ``key`` at the top level)."""
    return f"{path}.{key}" if path else key


def show(values: Iterable[object]) -> str:
    """Format allowed values for a message: ``"a", "b", 1``."""
    return ", ".join(json.dumps(v) for v in values)


def got(value: object) -> str:
    """Format the offending value for a message."""
    try:
        return json.dumps(value)
    except (TypeError, ValueError):
        return repr(value)


def mapping(value: object, path: str) -> Mapping[str, Any]:
    """Return ``value`` as a mapping with string keys, or raise `CaseError`."""
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise CaseError(path, f"expected an object with string keys; got {got(value)}")
    return value


def check_keys(data: Mapping[str, Any], allowed: Iterable[str], path: str, what: str) -> None:
    """Raise `CaseError` for the first key of ``data`` not in ``allowed``."""
    allowed = tuple(allowed)
    for key in data:
        if key not in allowed:
            raise CaseError(join(path, key), f"unknown {what}; allowed: {show(allowed)}")


def boolean(value: object, path: str) -> bool:
    """Return ``value`` if it is a JSON boolean, else raise `CaseError`."""
    if not isinstance(value, bool):
        raise CaseError(path, f"expected true or false; got {got(value)}")
    return value


def number(value: object, path: str, *, minimum: float = 0.0) -> float | int:
    """Return a finite number >= ``minimum`` (bool rejected), else raise `CaseError`."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise CaseError(path, f"expected a number >= {minimum:g}; got {got(value)}")
    if value < minimum:
        raise CaseError(path, f"expected a number >= {minimum:g}; got {got(value)}")
    return value


def integer(value: object, path: str, low: int, high: int) -> int:
    """Return an integer in ``[low, high]`` (bool and floats rejected), else raise `CaseError`."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise CaseError(path, f"expected an integer from {low} to {high}; got {got(value)}")
    return value


def choice(value: object, allowed: tuple[str, ...], path: str) -> str:
    """Return ``value`` if it is one of ``allowed``, else raise `CaseError`."""
    if not isinstance(value, str) or value not in allowed:
        raise CaseError(path, f"expected one of {show(allowed)}; got {got(value)}")
    return value


def grade(value: object, allowed: Iterable[object], path: str) -> int | str:
    """Return a grade (an integer of ``allowed`` or ``"NT"``), else raise `CaseError`."""
    allowed = tuple(allowed)
    if isinstance(value, bool) or not isinstance(value, int | str) or value not in allowed:
        raise CaseError(path, f"expected one of {show(allowed)}; got {got(value)}")
    return value


def code_list(value: object, allowed: tuple[str, ...], path: str) -> tuple[str, ...]:
    """Return a list of distinct codes in vocabulary order, else raise `CaseError`."""
    if not isinstance(value, list | tuple):
        raise CaseError(path, f"expected a list of codes from {show(allowed)}; got {got(value)}")
    seen: set[str] = set()
    for i, item in enumerate(value):
        code = choice(item, allowed, f"{path}[{i}]")
        if code in seen:
            raise CaseError(f"{path}[{i}]", f"{got(code)} is listed twice")
        seen.add(code)
    return tuple(code for code in allowed if code in seen)
