"""Page images of the printed documents (issue 8): demo PDFs and their pages in docs/documents.

Builds a small demo clinic with a fixed clock, prints DEMO-000001's latest signed session note,
home exercise plan and progress report, plus a stress note (50 targets, 5 addenda, non-Latin
names, markup characters) and turns every page into a PNG with ``pdftoppm -r 70`` (poppler-utils).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the stress note comes from the test factories

from document_factories import MARKUP, NON_LATIN_NAMES, addendum, note_data, target  # noqa: E402

from dnclinic.demo import create_demo_clinic  # noqa: E402
from dnclinic.model.keyring import KdfParams  # noqa: E402
from dnclinic.reports import session_note  # noqa: E402
from dnclinic.reports.templates import PatientBanner  # noqa: E402

OUT = ROOT / "docs" / "documents"
NOW = datetime(2026, 11, 23, 15, 30, tzinfo=UTC)


def _pages(name: str, pdf: bytes) -> None:
    path = OUT / f"{name}.pdf"
    path.write_bytes(pdf)
    for old in OUT.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(path), str(OUT / name)], check=True)
    print(f"{path.relative_to(ROOT)}: {len(list(OUT.glob(f'{name}-*.png')))} page(s)")


def main() -> int:
    """Write the PDFs and their page images into docs/documents."""
    if shutil.which("pdftoppm") is None:
        print("error: pdftoppm is missing (install poppler-utils)", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ctx, _summary = create_demo_clinic(
            Path(tmp) / "demo.db", patients=40, seed=1, clock=lambda: NOW,
            kdf=KdfParams.fast(), config_dir=Path(tmp),
        )  # fmt: skip
        try:
            patient = ctx.patients.find_by_mrn("DEMO-000001")
            assert patient is not None
            docs = ctx.documents
            _pages("session-note", docs.render_note(docs.latest_signed_session(patient.id)).pdf)
            _pages("home-plan", docs.render_plan(patient.id).pdf)
            _pages("progress-report", docs.render_progress(patient.id).pdf)
        finally:
            ctx.close()
    stress = note_data(
        patient=PatientBanner(" ".join(NON_LATIN_NAMES), "Z-000001"), subjective=MARKUP,
        signature=None, status="draft", targets=tuple(target(n) for n in range(1, 51)),
        addenda=tuple(addendum(n) for n in range(1, 6)),
    )  # fmt: skip
    _pages("stress-note-draft", session_note.render(stress))
    return 0


if __name__ == "__main__":
    sys.exit(main())
