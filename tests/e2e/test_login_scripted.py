"""`tgsession login` without a terminal: flags, files, env variables, two-phase login,
usage errors that name the missing flag (never a hang), wrong credentials, --force."""
import os

import e2e_support as e
from e2e_support import E2ETestCase

USER_FIELDS = {"id", "first_name", "last_name", "username", "phone", "bot", "dc_id"}


class ScriptedLogin(E2ETestCase):
    def check_login_json(self, j, session, phone):
        self.assertEqual(j["command"], "login")
        self.assertIs(j["ok"], True)
        self.assertEqual(j["session"], session)
        self.assertEqual(j["format"], "telethon")
        self.assertEqual(set(j["user"]), USER_FIELDS)
        self.assertEqual(j["user"]["id"], e.USER_IDS[phone])
        self.assertIs(j["user"]["bot"], False)
        self.assertIsInstance(j["dropped_fields"], list)

    def test_flags_code_and_password_file(self):
        s = self.path("ann.session")
        j = self.login_scripted(s, "+" + e.ANN_PHONE, e.ANN_CODE, password=e.ANN_PASSWORD)
        self.check_login_json(j, s, e.ANN_PHONE)
        self.assertEqual(j["user"]["username"], "ann")
        self.assertEqual(os.stat(s).st_mode & 0o777, 0o600)
        self.assertExit(self.status(s), 0)

    def test_code_file_and_password_from_stdin(self):
        s = self.path("ann2.session")
        r = self.run_tgs("login", s, "--phone", e.ANN_PHONE,
                         "--code-file", self.write_secret("code.txt", e.ANN_CODE),
                         "--password-file", "-", stdin_data=e.ANN_PASSWORD + "\n")
        self.assertExit(r, 0)
        self.check_login_json(r.one_json(), s, e.ANN_PHONE)

    def test_everything_from_env(self):
        s = self.path("env.session")
        r = self.run_tgs("login", s, env={"TGSESSION_PHONE": e.ANN_PHONE,
                                          "TGSESSION_CODE": e.ANN_CODE,
                                          "TGSESSION_PASSWORD": e.ANN_PASSWORD})
        self.assertExit(r, 0)
        self.check_login_json(r.one_json(), s, e.ANN_PHONE)

    def test_api_id_flag_instead_of_env(self):
        s = self.path("apiid.session")
        r = self.run_tgs("--api-id", e.API_ID, "login", s, "--phone", e.BOB_PHONE,
                         "--code", e.BOB_CODE, env={"TG_API_ID": None})
        self.assertExit(r, 0)

    def test_missing_api_id_is_usage_error(self):
        r = self.run_tgs("login", self.path("x.session"), "--phone", e.BOB_PHONE, "--code",
                         e.BOB_CODE, env={"TG_API_ID": None})
        self.assertExit(r, 64)
        self.assertIn("--api-id", r.stderr)

    def test_two_phase_send_code_then_code(self):
        s = self.path("two.session")
        r = self.run_tgs("login", s, "--send-code", "--phone", "+" + e.ANN_PHONE)
        self.assertExit(r, 0)
        j = r.one_json()
        self.assertEqual(j["command"], "login")
        self.assertEqual(j["state"], "code_sent")
        self.assertEqual(j["session"], s)
        self.assertEqual(j["code_length"], len(e.ANN_CODE))
        for k in ("phone", "code_type", "next_type", "timeout", "dc_id"):
            self.assertIn(k, j)
        self.assertNotIn("phone_code_hash", j)
        self.assertFalse(os.path.exists(s), "--send-code must not write the session")
        # The pending login lives in the XDG state dir, 0600.
        pending_dir = os.path.join(self.path("state"), "tgsession", "pending")
        pending = [os.path.join(d, f) for d, _, fs in os.walk(pending_dir) for f in fs]
        self.assertEqual(len(pending), 1, pending)
        self.assertEqual(os.stat(pending[0]).st_mode & 0o777, 0o600)

        r = self.run_tgs("login", s, "--code", e.ANN_CODE, "--password-file",
                         self.write_secret("pw.txt", e.ANN_PASSWORD))
        self.assertExit(r, 0)
        self.check_login_json(r.one_json(), s, e.ANN_PHONE)
        pending = [f for _, _, fs in os.walk(pending_dir) for f in fs]
        self.assertEqual(pending, [], "the pending login is removed once finished")
        self.assertExit(self.status(s), 0)

    def test_missing_phone_is_usage_error_naming_flag(self):
        r = self.run_tgs("login", self.path("np.session"))
        self.assertExit(r, 64)
        self.assertIn("--phone", r.stderr)
        j = r.one_json()
        self.assertIs(j["ok"], False)
        self.assertEqual(j["error"]["exit_code"], 64)
        self.assertIn("--phone", j["error"]["message"])

    def test_missing_password_is_usage_error_naming_flag(self):
        r = self.run_tgs("login", self.path("npw.session"), "--phone", e.ANN_PHONE, "--code",
                         e.ANN_CODE)
        self.assertExit(r, 64)
        self.assertIn("--password-file", r.stderr)
        self.assertIn("TGSESSION_PASSWORD", r.stderr)

    def test_wrong_code_is_rejected_77(self):
        s = self.path("wc.session")
        r = self.run_tgs("login", s, "--phone", e.BOB_PHONE, "--code", "1111111")
        self.assertExit(r, 77)
        self.assertEqual(r.one_json()["error"]["code"], "RPC_PHONE_CODE_INVALID")

    def test_wrong_password_is_rejected_77(self):
        r = self.run_tgs("login", self.path("wp.session"), "--phone", e.ANN_PHONE, "--code",
                         e.ANN_CODE, "--password-file",
                         self.write_secret("bad.txt", "wrong-Password-123"))
        self.assertExit(r, 77)
        self.assertEqual(r.one_json()["error"]["code"], "RPC_PASSWORD_HASH_INVALID")

    def test_debug_logs_hold_no_secrets(self):
        # -vv turns on debug logging; tearDown scans stdout and stderr for every secret.
        r = self.run_tgs("-v", "-v", "login", self.path("v.session"), "--phone", e.ANN_PHONE,
                         "--code", e.ANN_CODE, "--password-file",
                         self.write_secret("pw.txt", e.ANN_PASSWORD))
        self.assertExit(r, 0)


class MissingCodeSendsNothing(E2ETestCase):
    # The second sendCode for a phone gets FLOOD_WAIT: a failed run that had sent a code
    # would make the real login below fail.
    testdc_args = ("--flood-after", "1")

    def test_missing_code_fails_before_sending_a_code(self):
        s = self.path("nc.session")
        r = self.run_tgs("login", s, "--phone", e.BOB_PHONE)
        self.assertExit(r, 64)
        self.assertIn("--code", r.stderr)
        self.assertIn("--code-file", r.stderr)
        self.assertIn("TGSESSION_CODE", r.stderr)
        self.assertFalse(os.path.exists(s))
        self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE)


class ForceIsRequired(E2ETestCase):
    # Two sendCode calls are allowed: the first login and the --force one. Had the refused
    # attempt sent a code, the --force login would hit FLOOD_WAIT.
    testdc_args = ("--flood-after", "2")

    def test_refuses_to_replace_authorized_session_before_sending_code(self):
        s = self.path("f.session")
        self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE)
        before = e.file_fingerprint(s)
        r = self.run_tgs("login", s, "--phone", e.BOB_PHONE, "--code", e.BOB_CODE)
        self.assertExit(r, 73)
        j = r.one_json()
        self.assertEqual(j["error"]["code"], "LOGIN_ALREADY_AUTHORIZED")
        self.assertIn("--force", j["error"]["message"])
        self.assertEqual(e.file_fingerprint(s), before, "a refused login changed the file")
        # bot-login refuses too.
        r = self.run_tgs("bot-login", s, "--token-file",
                         self.write_secret("t.txt", e.BOT_TOKEN))
        self.assertExit(r, 73)
        self.assertEqual(e.file_fingerprint(s), before)

        j = self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE, extra=["--force"])
        self.assertEqual(j["user"]["id"], e.USER_IDS[e.BOB_PHONE])
        self.assertExit(self.status(s), 0)


if __name__ == "__main__":
    e.main()
