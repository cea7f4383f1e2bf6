"""Screenshots of the access screens (login, first run, lock, users, audit log), offscreen."""

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
from dnclinic.ui.dialogs.audit_log_dialog import AuditLogDialog  # noqa: E402
from dnclinic.ui.dialogs.first_run_dialog import FirstRunDialog  # noqa: E402
from dnclinic.ui.dialogs.login_dialog import LoginDialog  # noqa: E402
from dnclinic.ui.dialogs.recovery_key_dialog import RecoveryKeyDialog  # noqa: E402
from dnclinic.ui.dialogs.users_dialog import UsersDialog  # noqa: E402
from dnclinic.ui.main_window import MainWindow  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> int:
    """Write the access screenshots into docs/screenshots."""
    OUT.mkdir(parents=True, exist_ok=True)
    make_application()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        ctx, _summary = create_demo_clinic(
            db, patients=60, seed=3, clock=system_clock, config_dir=Path(tmp)
        )
        login = LoginDialog(db, clinic_name="Harbourside Physiotherapy & Dry Needling (demo)")
        login.username.setText("physio")
        login.password.setText("wrong")
        login.show()
        login.buttons.accepted.emit()
        QApplication.processEvents()
        login.grab().save(str(OUT / "login.png"))
        login.close()

        window = MainWindow(ctx, idle_ms=3_600_000)
        window.resize(1200, 760)
        window.show()
        window.idle.lock()
        QApplication.processEvents()
        assert window.idle.screen is not None
        window.idle.screen.grab().save(str(OUT / "lock_screen.png"))
        window.idle.screen.password.setText(DEMO_PASSWORD)
        window.idle.screen.unlock_button.click()
        window.close()

        ctx.access.login("admin", DEMO_PASSWORD)
        users = UsersDialog(ctx.users, ctx.clinic.practitioners())
        users.show()
        QApplication.processEvents()
        users.grab().save(str(OUT / "users.png"))
        audit = AuditLogDialog(ctx.audit, clinic_name="Harbourside (demo)")
        audit.show()
        QApplication.processEvents()
        audit.grab().save(str(OUT / "audit_log.png"))
        ctx.close()

        first = FirstRunDialog(Path(tmp) / "new.db")
        first.given_name.setText("Ruth")
        first.family_name.setText("Owner")
        first.password.setText("short")
        first.confirm.setText("shorter")
        first.show()
        first.buttons.accepted.emit()
        QApplication.processEvents()
        first.grab().save(str(OUT / "first_run.png"))
        key = RecoveryKeyDialog("K7QXM-2PRTA-9WZLD-HB3NE-6YJVC-UGF4S-XM8KQ-T2RPA", "clinic.db")
        key.show()
        QApplication.processEvents()
        key.grab().save(str(OUT / "recovery_key.png"))
    print(f"Access screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
