"""Regenerate the README screenshots (``make screenshots``): a demo clinic, offscreen."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from dnclinic.demo import create_demo_clinic  # noqa: E402
from dnclinic.services.context import system_clock  # noqa: E402
from dnclinic.ui.app import make_application  # noqa: E402
from dnclinic.ui.dialogs.patient_dialog import PatientDialog  # noqa: E402
from dnclinic.ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> int:
    """Write the PNGs into docs/screenshots."""
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application()
    with tempfile.TemporaryDirectory() as tmp:
        ctx, _summary = create_demo_clinic(
            Path(tmp) / "demo.db", patients=500, seed=7, clock=system_clock, config_dir=Path(tmp)
        )
        window = MainWindow(ctx)
        window.resize(1440, 860)
        window.show()
        window.patient_list.search.setText("gar")
        # pick a patient with flags so the header shows what it can do
        for row in range(window.patient_list.model.rowCount()):
            pid = window.patient_list.model.patient_id(row)
            assert pid is not None
            header = ctx.chart.overview(pid).header
            if header.precautions and len(ctx.episodes.episodes(pid)) > 1:
                window.patient_list.select_patient(pid)
                break
        else:
            window.patient_list.table.selectRow(0)
        QApplication.processEvents()
        window.grab().save(str(OUT / "main_window.png"))
        dialog = PatientDialog(ctx.patients, None, window)
        dialog.view.given_name.setText("Zoë")
        dialog.view.date_of_birth.setText("1980-13-40")
        dialog.view.email.setText("zoe@")
        dialog.show()
        dialog.buttons.accepted.emit()
        QApplication.processEvents()
        dialog.grab().save(str(OUT / "patient_dialog.png"))
        dialog.close()
        window.close()
        ctx.close()
    del app
    print(f"Screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
