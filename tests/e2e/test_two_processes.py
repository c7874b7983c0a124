"""Two tgsession processes on one session file: the second gets the lock message naming the
holder's PID (exit 73) and the file is not damaged; the first finishes its login."""
import os

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


if __name__ == "__main__":
    e.main()
