"""``dnclinic export fhir (--patient MRN | --all) --out F.json``: a FHIR R4 bundle (issue 11).

One patient's record needs a practitioner's login (on a demo clinic: ``physio``); the whole
clinic needs an admin's (on a demo clinic: ``admin``). The file appears only when complete
(written beside it as ``F.json.part``, then renamed); the export is audited. Errors print
``error: ...`` and exit 2, never a traceback. The mapping is in docs/FHIR.md.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dnclinic.cli import EXIT_INVALID, EXIT_OK, add_db_option, add_login_options

if TYPE_CHECKING:
    import argparse

    from dnclinic.app_context import AppContext
    from dnclinic.services.fhir_export import FhirExport


def register(documents: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``fhir`` to the documents of the ``export`` command."""
    parser = documents.add_parser(
        "fhir", help="a FHIR R4 JSON bundle of one patient or of the whole clinic (audited)",
        description="Write a FHIR R4 (4.0.1) Bundle of type collection: Patient, Practitioner, "
        "Encounter, Procedure, Observation, QuestionnaireResponse, AdverseEvent, Consent and "
        "DocumentReference resources. See docs/FHIR.md for the mapping.",
    )  # fmt: skip
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--patient", metavar="MRN", help="one patient's whole record")
    which.add_argument("--all", action="store_true", help="every patient (admins only)")
    add_db_option(parser, "the clinic database (default: your user data folder)")
    parser.add_argument("--out", metavar="F.json", type=Path, required=True,
                        help="the JSON file to write")  # fmt: skip
    add_login_options(parser)
    parser.set_defaults(handler=run)


def _export(ctx: AppContext, args: argparse.Namespace) -> FhirExport:
    from dnclinic.services.errors import NotFoundError

    if args.all:
        return ctx.fhir.export_clinic()
    record = ctx.patients.find_by_mrn(args.patient)
    if record is None:
        raise NotFoundError(f"There is no patient with record number {args.patient}.")
    return ctx.fhir.export_patient(record.id)


def run(args: argparse.Namespace) -> int:
    """Export, write the file through ``.part``, and return the exit code."""
    from dnclinic.cli.common import open_or_explain
    from dnclinic.demo import DEMO_ADMIN_LOGIN, DEMO_LOGIN
    from dnclinic.services.errors import ServiceError

    out: Path = args.out
    if out.suffix.lower() != ".json":
        print(f"error: --out must name a .json file (got {out})", file=sys.stderr)
        return EXIT_INVALID
    ctx = open_or_explain(args, demo_login=DEMO_ADMIN_LOGIN if args.all else DEMO_LOGIN)
    if ctx is None:
        return EXIT_INVALID
    part = out.with_name(out.name + ".part")
    try:
        export = _export(ctx, args)
        out.parent.mkdir(parents=True, exist_ok=True)
        part.write_bytes(export.content)
        part.replace(out)
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        with contextlib.suppress(OSError):  # e.g. the folder itself could not be made
            part.unlink(missing_ok=True)
        print(f"error: could not write {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        ctx.close()
    size = len(export.content)
    print(
        f"Wrote {out}: FHIR R4 bundle of {export.patients} patient(s), {export.resources} "
        f"resources, {size:,} bytes, SHA-256 {export.sha256} (audited)."
    )
    return EXIT_OK
