"""Two tgsession processes on one session file: the second gets the lock message naming the
holder's PID (exit 73) and the file is not damaged; the first finishes its login. A convert
that waits (--wait) for a login's lock does not replace the file the login wrote meanwhile."""
import os
import threading
import time

import e2e_support as e
from e2e_support import E2ETestCase

CODE_PROMPT = r"Login code \(or 'r' to resend\): "


class TwoProcesses(E2ETestCase):
    def test_second_login_on_the_same_file_is_refused_with_the_holders_pid(self):
        session = self.path("shared.session")
        first = self.spawn_tty("login", session)
        first.expect(r"Phone number or bot token: ")
        first.send_line("+" + e.BOB_PHONE)
        first.expect(CODE_PROMPT)  # the first process holds the lock while it waits

        second = self.run_tgs("login", session, "--phone", e.DAN_PHONE, "--code", e.DAN_CODE)
        self.assertExit(second, 73)
        self.assertIn("PID %d" % first.proc.pid, second.stderr + second.stdout)
        failure = second.one_json()
        self.assertEqual(failure["ok"], False)

        first.send_line(e.BOB_CODE)
        first.expect(r"Logged in")
        self.assertEqual(first.wait(), 0, first.transcript)
        # The terminal echoed the code as the user typed it; the secret scan at tearDown checks
        # that tgsession itself never printed it.
        first.transcript = first.transcript.replace(e.BOB_CODE, "<typed code>")

        # The file belongs to the first login and is intact.
        st = self.status(session)
        self.assertExit(st, 0)
        self.assertEqual(st.one_json()["user_id"], e.USER_IDS[e.BOB_PHONE])
        self.assertFalse(os.path.exists(session + ".lock"))

    def test_a_convert_waiting_for_a_login_does_not_replace_what_it_wrote(self):
        # convert checked "DST exists" before it waited for DST's lock, then wrote over the
        # file the login made meanwhile (its new auth key gone) without --force.
        session = self.path("shared.session")
        src = self.path("bot.session")
        self.bot_login(src)
        first = self.spawn_tty("login", session)
        first.expect(r"Phone number or bot token: ")
        first.send_line("+" + e.BOB_PHONE)
        first.expect(CODE_PROMPT)  # holds the lock; the file is not there yet

        got = {}
        waiting = threading.Thread(target=lambda: got.setdefault(
            "cv", self.run_tgs("--wait", "60", "convert", src, session)))
        waiting.start()
        time.sleep(1.5)  # convert is past its first check, waiting for the lock
        first.send_line(e.BOB_CODE)
        first.expect(r"Logged in")
        self.assertEqual(first.wait(), 0, first.transcript)
        first.transcript = first.transcript.replace(e.BOB_CODE, "<typed code>")
        waiting.join(90)
        cv = got["cv"]
        self.assertExit(cv, 73)
        self.assertIn("exists; use --force", cv.stderr)
        st = self.status(session, offline=True)
        self.assertEqual(st.one_json()["user_id"], e.USER_IDS[e.BOB_PHONE])


if __name__ == "__main__":
    e.main()
