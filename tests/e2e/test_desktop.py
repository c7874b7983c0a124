"""The official Telegram Desktop 4.6.5 judges our tdata export (label `desktop`, one app run):
log in with tgsession, export to tdata naming the test DC (its addresses and RSA key in the
folder's stored config), run the app headless against the test DC for up to ~20 s. The test DC
must have answered the app's authorized requests (its dialogs were fetched) on a temporary key
bound with auth.bindTempAuthKey, the app's -debug log must show no authorization failure, and
the folder the app rewrote must convert back to a session that `status` finds authorized with
the same auth key id. A screenshot and the logs are kept in $TGS_ARTIFACTS_DIR (default
build/<preset>/test-artifacts/desktop)."""
import os
import re
import shutil
import time

import desktop_support as desk
import e2e_support as e
from e2e_support import E2ETestCase

RUN_SECONDS = 20
AUTH_FAILURES = re.compile(r"AUTH_KEY_UNREGISTERED|AUTH_KEY_INVALID|AUTH_KEY_PERM_EMPTY|"
                           r"ENCRYPTED_MESSAGE_INVALID|SESSION_REVOKED|USER_DEACTIVATED")


def artifacts_dir():
    d = os.environ.get("TGS_ARTIFACTS_DIR") or os.path.join(
        os.path.dirname(os.path.dirname(os.path.dirname(e.TGSESSION))), "test-artifacts")
    d = os.path.join(d, "desktop")
    os.makedirs(d, exist_ok=True)
    return d


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace")


class Desktop(E2ETestCase):
    testdc_args = ("-vv",)  # every request's name in the log

    def test_official_app_runs_logged_in_against_the_test_dc(self):
        if not desk.available():
            self.skipTest("telegram-desktop / Xvfb not installed (scripts/setup-test.sh)")
        session = self.path("dan.session")
        self.login_scripted(session, e.DAN_PHONE, e.DAN_CODE)
        before = self.status(session).one_json()
        workdir = self.path("desktop")
        folder = os.path.join(workdir, "tdata")
        self.assertExit(self.run_tgs("convert", session, folder, "--to", "tdata"), 0)
        handshakes_before = self.dc.log().count("new auth key")

        app = desk.Desktop(workdir, self.path("app-home"))
        out = artifacts_dir()
        try:
            deadline = time.monotonic() + RUN_SECONDS
            while time.monotonic() < deadline and app.running():
                if "messages.getDialogs" in self.dc.log():
                    time.sleep(5)  # let the window draw what it got
                    break
                time.sleep(0.5)
            rows = app.screenshot(os.path.join(out, "main-window.png"))
            still_running = app.running()
        finally:
            app.stop()
            desk.copy_logs(workdir, out)
            shutil.copy(self.dc.log_path, os.path.join(out, "testdc.log"))
        self.assertTrue(still_running,
                        "the app exited early: " + read(self.path("app-home/app.out"))[-2000:])

        log = self.dc.log()
        self.assertGreater(log.count("new auth key"), handshakes_before, "no temporary key made")
        self.assertIn("auth.bindTempAuthKey", log)
        self.assertIn("messages.getDialogs", log, "the app never fetched its dialogs")
        self.assertNotRegex(log, AUTH_FAILURES)
        self.assertNotIn("HANDSHAKE_TRAILING_DATA", log)
        app_logs = "".join(read(os.path.join(root, f))
                           for root, _, files in os.walk(os.path.join(workdir, "DebugLogs"))
                           for f in files if f.endswith(".txt"))
        self.assertIn("read keys, current: 1", app_logs)  # the app took our authorization
        self.assertNotRegex(app_logs, AUTH_FAILURES)
        self.assertGreater(desk.distinct_colours(rows), 8, "the screen is blank")

        # The app rewrote its folder (config, settings): it still converts back, authorized.
        back = self.path("back.session")
        self.assertExit(self.run_tgs("convert", folder, back), 0)
        after = self.status(back)
        self.assertExit(after, 0)
        self.assertEqual(after.one_json()["auth_key_id"], before["auth_key_id"])


if __name__ == "__main__":
    e.main()
