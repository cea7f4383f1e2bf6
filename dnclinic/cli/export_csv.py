"""``dnclinic export csv --out DIR``: every table of the clinic as CSV files (docs/CSV.md).

Administrators only. The folder holds every patient's records unencrypted, so the command says
so on stderr every time. Errors print ``error: ...`` to stderr and exit 2, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dnclinic.cli import EXIT_INVALID, EXIT_OK, add_db_option, add_login_options

if TYPE_CHECKING:
    import argparse

WARNING = (
    "warning: {folder} holds every patient's records and the users' password hashes, "
    "UNENCRYPTED. Keep it on an encrypted disk, share it only as the law and the clinic's "
    "policy allow, and delete it when it is no longer needed."
)


def register(documents: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``csv`` to the documents of the ``export`` command."""
    parser = documents.add_parser(
        "csv",
        help="every table of the clinic as CSV files (administrators; unencrypted)",
        description="Write one UTF-8 CSV file per table, with stable ids and foreign keys, and "
        "a manifest.json with each file's row count and SHA-256, into a new or empty folder. "
        "`dnclinic import csv DIR --db PATH` makes a new clinic from it. The folder is NOT "
        "encrypted. Administrators only; the export is audited.",
    )
    add_db_option(parser, "the clinic database (default: your user data folder)")
    parser.add_argument(
        "--out", metavar="DIR", type=Path, required=True, help="a new or empty folder for the files"
    )
    add_login_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Export the clinic named by ``--db`` into ``--out``; return the exit code."""
    from dnclinic.cli.common import open_or_explain
    from dnclinic.demo import DEMO_ADMIN_LOGIN
    from dnclinic.services.errors import ServiceError

    ctx = open_or_explain(args, demo_login=DEMO_ADMIN_LOGIN)
    if ctx is None:
        return EXIT_INVALID
    try:
        done = ctx.csv_export.export(Path(args.out).expanduser())
    except ServiceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        ctx.close()
    manifest = done.manifest
    print(
        f"Exported {manifest.rows:,} rows of {len(manifest.tables)} tables to {done.folder} "
        f"(schema {manifest.schema_revision}; manifest.json lists each file's SHA-256)."
    )
    for table in manifest.tables:
        print(f"  {table.rows:>9,}  {table.file}")
    print(WARNING.format(folder=done.folder), file=sys.stderr)
    return EXIT_OK
