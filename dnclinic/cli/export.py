"""``dnclinic export note|plan|progress ... --out F.pdf``: print a patient document to a file.

- ``export note (--session ID | --patient MRN)``: a session note; with ``--patient`` the
  patient's latest signed session.
- ``export plan (--plan ID | --patient MRN)``: the patient's home-loading plan.
- ``export progress --patient MRN``: outcome trends, responder status, sessions and doses.
- ``export csv --out DIR``: every table of the clinic (see :mod:`dnclinic.cli.export_csv`).

Every export is archived in the patient's record (with its SHA-256) and audited. Errors print
``error: ...`` to stderr and exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dnclinic.cli import add_login_options, export_csv

if TYPE_CHECKING:
    from dnclinic.app_context import AppContext
    from dnclinic.services.documents import RenderedDocument

EXIT_OK = 0
EXIT_ERROR = 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="the clinic database (default: your user data folder)")  # fmt: skip
    parser.add_argument("--out", metavar="F.pdf", type=Path, required=True,
                        help="the PDF file to write")  # fmt: skip
    add_login_options(parser)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` command and its ``note``, ``plan`` and ``progress`` documents."""
    parser = subparsers.add_parser(
        "export", help="print a patient document to a PDF file (archived and audited)",
        description="Write a patient document as a PDF. The exact file is archived in the "
        "patient's record with its SHA-256, and the export is audited.",
    )  # fmt: skip
    docs = parser.add_subparsers(title="documents", metavar="DOCUMENT", required=True)
    note = docs.add_parser("note", help="a session note")
    which = note.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", type=int, metavar="ID", help="the session's id")
    which.add_argument("--patient", metavar="MRN", help="the patient's latest signed session")
    _common(note)
    note.set_defaults(handler=run, document="note")
    plan = docs.add_parser("plan", help="a patient's home-loading plan (large print)")
    which = plan.add_mutually_exclusive_group(required=True)
    which.add_argument("--plan", type=int, metavar="ID", help="a stored plan's id")
    which.add_argument("--patient", metavar="MRN", help="the plan for the open episode")
    _common(plan)
    plan.set_defaults(handler=run, document="plan")
    progress = docs.add_parser("progress", help="a progress report with outcome trends")
    progress.add_argument("--patient", metavar="MRN", required=True, help="the patient")
    _common(progress)
    progress.set_defaults(handler=run, document="progress")
    export_csv.register(docs)  # issue 11
    from dnclinic.cli import export_fhir  # issue 11: ``export fhir``, a JSON bundle, not a PDF

    export_fhir.register(docs)


def _patient_id(ctx: AppContext, mrn: str) -> int:
    from dnclinic.services.errors import NotFoundError

    record = ctx.patients.find_by_mrn(mrn.strip().upper())
    if record is None:
        raise NotFoundError(f"There is no patient with record number {mrn}.")
    return record.id


def _render(ctx: AppContext, args: argparse.Namespace) -> RenderedDocument:

    docs = ctx.documents
    if args.document == "note":
        session = args.session
        if session is None:
            session = docs.latest_signed_session(_patient_id(ctx, args.patient))
        return docs.render_note(session)
    if args.document == "plan":
        if args.plan is not None:
            return docs.render_stored_plan(args.plan)
        patient_id = _patient_id(ctx, args.patient)
        stored = ctx.plans.latest(patient_id)  # the plan the practitioner adjusted, if any
        if stored is not None:
            return docs.render_stored_plan(stored.id)
        return docs.render_plan(patient_id)
    return docs.render_progress(_patient_id(ctx, args.patient))


def run(args: argparse.Namespace) -> int:
    """Render, archive and write the document; return the exit code."""
    from dnclinic.cli.common import open_or_explain
    from dnclinic.services.errors import ServiceError

    out: Path = args.out
    if out.suffix.lower() != ".pdf":
        print(f"error: --out must name a .pdf file (got {out})", file=sys.stderr)
        return EXIT_ERROR
    ctx = open_or_explain(args)
    if ctx is None:
        return EXIT_ERROR
    try:
        doc = _render(ctx, args)
        # Written beside the target first: the file appears only once the export is archived.
        part = out.with_name(out.name + ".part")
        out.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(doc.pdf)
        try:
            row = ctx.documents.archive(doc, how="export").value
        except Exception:
            part.unlink(missing_ok=True)
            raise
        part.replace(out)
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"error: could not write {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        ctx.close()
    print(f"Wrote {out} ({row.kind_label.lower()}, {row.size:,} bytes, SHA-256 {row.sha256}); "
          "archived in the patient's record.")  # fmt: skip
    return EXIT_OK
