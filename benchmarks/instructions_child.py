"""Child process for the start-up instruction counts (callgrind), stopped at its report line.

    python -m benchmarks.instructions_child floor [MODULE[:NAME] ...]
    python -m benchmarks.instructions_child record DB USER PASSWORD HASHES
    python -m benchmarks.instructions_child app DB USER PASSWORD HASHES

``floor`` is the cold-start floor (:mod:`benchmarks.floor_child`), then imports each module named
(and reads ``NAME`` from it), so the driver can count what one library adds to a bare window.
``record`` starts the app for real (:func:`benchmarks.startup_child.start`) and writes what each
argon2id call returned to ``HASHES``; ``app`` starts it again and replays those results, after
checking that each call has the same inputs. Callgrind then counts the start without the
deliberate hashing, as the wall-clock benchmark times the hashing and subtracts it.

Every mode ends with ``os._exit`` right after printing ``ok``: the wall-clock children are timed to
their report line, so the interpreter's exit is not counted here either.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

# Only what the floor child imports itself is imported here: in ``floor`` mode, this module must
# add nothing to the count. The app modes import what they need when they run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _digest(*parts: object) -> str:
    import hashlib

    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


class _Hashing:
    """Records the argon2id calls of a login, or replays a recording of them."""

    def __init__(self, path: str, *, replay: bool) -> None:
        import json

        self.path = path
        self.replay = replay
        self.calls: list[dict[str, Any]] = []
        if replay:
            with open(path, encoding="utf-8") as recorded:
                self.calls = json.load(recorded)

    def _next(self, inputs: str) -> dict[str, Any]:
        call = self.calls.pop(0)
        if call["inputs"] != inputs:
            raise RuntimeError("the replayed login is not the recorded one")
        return call

    def install(self) -> None:
        """Put the recording or replaying calls in place of the login's argon2id calls."""
        import argon2

        from benchmarks.startup_child import wrap_hashing

        def derive(real: Callable[..., bytes]) -> Callable[..., bytes]:
            def hash_secret_raw(secret: bytes, salt: bytes, **kwargs: Any) -> bytes:
                inputs = _digest(secret, salt, sorted(kwargs.items(), key=str))
                if self.replay:
                    return bytes.fromhex(self._next(inputs)["result"])
                result = real(secret, salt, **kwargs)
                self.calls.append({"inputs": inputs, "result": result.hex()})
                return result

            return hash_secret_raw

        def verify(real: Callable[..., bool]) -> Callable[..., bool]:
            def check(hasher: argon2.PasswordHasher, stored: str, password: str) -> bool:
                inputs = _digest(stored, password)
                if self.replay:
                    if not self._next(inputs)["result"]:
                        raise argon2.exceptions.VerifyMismatchError
                    return True
                ok = real(hasher, stored, password)  # raises on a wrong password
                self.calls.append({"inputs": inputs, "result": ok})
                return ok

            return check

        wrap_hashing(derive, verify)

    def save(self) -> None:
        """Write the recording (``record`` mode)."""
        import json

        if not self.replay:
            with open(self.path, "w", encoding="utf-8") as recording:
                json.dump(self.calls, recording)


def _floor(names: list[str]) -> None:
    from benchmarks.floor_child import show

    _shown = show()
    for name in names:
        module, _, attr = name.partition(":")
        loaded = importlib.import_module(module)
        if attr:
            getattr(loaded, attr)


def _app(db: str, user: str, password: str, hashes: str, *, replay: bool) -> None:
    from benchmarks.startup_child import start

    hashing = _Hashing(hashes, replay=replay)
    _started = start(db, user, password, hashing.install)
    hashing.save()


def main(argv: list[str]) -> None:
    """Run one mode (see the module docstring), print ``ok`` and stop at once."""
    mode, args = argv[0], argv[1:]
    if mode == "floor":
        _floor(args)
    elif mode in ("record", "app"):
        db, user, password, hashes = args
        _app(db, user, password, hashes, replay=mode == "app")
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print("ok")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
