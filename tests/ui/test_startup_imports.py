"""Start-up stays lean: logging in and showing the patient list loads only what that screen needs.

Everything else (the ORM and its entity classes, documents, backups, the wizard, the editors,
ReportLab, Alembic) is imported the first time it is used; benchmarks/startup.py measures the
time this saves. Run in a fresh process,
because this test process has long imported everything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

from factories import PASSWORD

if TYPE_CHECKING:
    from pathlib import Path

    from durability_support import Clinic

START_AND_LIST_MODULES = """
import sys
from pathlib import Path

from dnclinic.__main__ import parse_arguments  # what `dnclinic` parses before the GUI starts

parse_arguments(["--db", sys.argv[1]])
from dnclinic.app_context import Credentials, open_clinic
from dnclinic.model.keyring import KdfParams
from dnclinic.ui.app import make_application, show_main_window

app = make_application()
ctx = open_clinic(Path(sys.argv[1]), Credentials("tester", sys.argv[2]),
                  kdf=KdfParams.fast(), config_dir=Path(sys.argv[3]))
window = show_main_window(ctx)
app.processEvents()
assert window.patient_list.isEnabled()
print("\\n".join(sorted(sys.modules)))
ctx.close()
"""

# Loaded only when their feature is first used.
LATER = (
    "sqlalchemy.orm",
    "dnclinic.model.entities",
    "dnclinic.services.patients",
    "dnclinic.services.users",
    "dnclinic.services.clinic",
    "reportlab",
    "alembic",
    "dnclinic.reports",
    "dnclinic.services.documents",
    "dnclinic.services.backup",
    "dnclinic.services.sessions",
    "dnclinic.services.decisions",
    "dnclinic.services.training",
    "dnclinic.ui.wizard",
    "dnclinic.ui.dialogs.session_dialog",
    "dnclinic.ui.dialogs.patient_dialog",
    "dnclinic.ui.dialogs.document_preview_dialog",
    "dnclinic.ui.widgets.outcome_chart",
    "PySide6.QtCharts",
    # The chart page (header, timeline) is built when the first patient is shown.
    "dnclinic.ui.widgets.chart_timeline",
    "dnclinic.ui.widgets.patient_header",
    "dnclinic.ui.widgets.flow_layout",
    "dnclinic.services.timeline",
    "dnclinic.services.episodes",
    "dnclinic.clinical.outcomes",
    # Opening an editor on a chart keeps it marked as open elsewhere (presence).
    "dnclinic.services.presence",
    # The login dialog is shown before the window (start_session imports it); the lock screen
    # only when the session locks.
    "dnclinic.ui.dialogs.login_dialog",
    "dnclinic.ui.dialogs.lock_screen",
    "dnclinic.ui.widgets.validated_form",
    # Backups are checked shortly after the window is up; the patient form's checks and the
    # command line's sub-commands are not needed to list patients.
    "dnclinic.services.backup_files",
    "dnclinic.model.verify",
    "dnclinic.clinical.demographics",
    "dnclinic.cli.demo",
    "dnclinic.cli.export",
    "dnclinic.demo",
)


# The audit log's start-up check runs on a worker thread while the window is in use: it must
# not import the ORM there, where it could race the window's own first import of it.
AUDIT_CHECK_MODULES = """
import sys
from pathlib import Path

from dnclinic.app_context import Credentials, open_clinic
from dnclinic.model.keyring import KdfParams

ctx = open_clinic(Path(sys.argv[1]), Credentials("tester", sys.argv[2]),
                  kdf=KdfParams.fast(), config_dir=Path(sys.argv[3]))
assert ctx.audit.verify().ok
print("\\n".join(sorted(sys.modules)))
ctx.close()
"""


def _modules_after_start(clinic: Clinic, tmp_path: Path, script: str = START_AND_LIST_MODULES
                         ) -> set[str]:  # fmt: skip
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(clinic.path), PASSWORD, str(tmp_path / "cfg")],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return set(done.stdout.split())


def test_start_up_defers_what_the_first_screen_does_not_need(
    clinic: Clinic, tmp_path: Path
) -> None:
    loaded = _modules_after_start(clinic, tmp_path)
    assert "dnclinic.ui.main_window" in loaded  # the script really started the app
    assert "dnclinic.services.patient_search" in loaded
    early = sorted(m for m in loaded if any(m == x or m.startswith(x + ".") for x in LATER))
    assert early == [], f"imported at start-up although not needed yet: {early}"


def test_the_audit_check_at_start_up_runs_without_the_orm(clinic: Clinic, tmp_path: Path) -> None:
    loaded = _modules_after_start(clinic, tmp_path, AUDIT_CHECK_MODULES)
    assert "dnclinic.model.audit_rows" in loaded  # the check really ran
    assert "sqlalchemy.orm" not in loaded
    assert "dnclinic.model.entities" not in loaded
