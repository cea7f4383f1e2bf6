"""Screenshots of practitioners and training (dashboard, register, clinic settings), offscreen."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from dnclinic.demo import DEMO_PASSWORD, create_demo_clinic  # noqa: E402
from dnclinic.services.context import system_clock  # noqa: E402
from dnclinic.ui.app import make_application  # noqa: E402
from dnclinic.ui.dialogs.adverse_event_register_dialog import (  # noqa: E402
    AdverseEventRegisterDialog,
)
from dnclinic.ui.dialogs.clinic_setup_dialog import ClinicSetupDialog  # noqa: E402
from dnclinic.ui.dialogs.training_dashboard_dialog import TrainingDashboardDialog  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> int:
    """Write the training screenshots into docs/screenshots."""
    OUT.mkdir(parents=True, exist_ok=True)
    make_application()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        ctx, _summary = create_demo_clinic(
            db, patients=300, seed=3, clock=system_clock, config_dir=Path(tmp)
        )
        ctx.access.login("manager", DEMO_PASSWORD)
        board = TrainingDashboardDialog(
            ctx.training_dashboard, ctx.training, ctx.services.actor, profiles=ctx.profiles
        )
        board.resize(1340, 740)
        board.show()
        board.select_practitioner(board.proxy.rows()[2].practitioner_id)
        QApplication.processEvents()
        board.grab().save(str(OUT / "training_dashboard.png"))
        register = AdverseEventRegisterDialog(
            ctx.adverse_events, ctx.clinic.practitioners(), ctx.services.actor
        )
        register.show()
        QApplication.processEvents()
        register.grab().save(str(OUT / "adverse_event_register.png"))
        ctx.access.login("admin", DEMO_PASSWORD)
        settings = ClinicSetupDialog(ctx.clinic, ctx.clinic.get(), training=ctx.training)
        settings.show()
        QApplication.processEvents()
        settings.grab().save(str(OUT / "clinic_settings.png"))
        ctx.close()
    print(f"Training screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
