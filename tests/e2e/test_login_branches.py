"""The login branches real accounts meet (docs/architecture.md §3, §5), each against the test DC's account
options: email codes, login-email setup, 2FA recovery (with and without a new password, and
without a recovery email), future auth tokens after `revoke` (and `revoke --forget`), sign-up,
paid codes, and every code type's name. Scripted (flags and environment) with --json, and on a
pseudo-terminal."""
import os

import e2e_support as e
from e2e_support import E2ETestCase

EVE = "15550005555"    # login email set: codes go there
FAY = "15550006666"    # must set up a login email first
GUS = "15550007777"    # 2FA with a recovery email
HAL = "15550008888"    # 2FA without a recovery email
IVY = "15550009999"    # no account yet (signed_up: false)
JON = "15550001010"    # paid codes
EMAIL_CODE = "8263541"
RECOVERY_CODE = "5550123"
GUS_PASSWORD = "Gus-old-Passw0rd"
GUS_NEW = "Gus-new-Passw0rd"
TYPES = {"15550002001": "missed_call", "15550002002": "flash_call", "15550002003": "call",
         "15550002004": "fragment_sms", "15550002005": "sms_phrase", "15550002006": "app",
         "15550002007": "sms"}
WORD_PHONE = "15550002008"  # the SMS carries a word
FIREBASE_PHONE = "15550002009"

e.SECRETS.extend([EMAIL_CODE, RECOVERY_CODE, GUS_PASSWORD, GUS_NEW])


def user(phone, **kw):
    u = {"phone": phone, "first_name": kw.pop("first_name", "U" + phone[-4:]), "dc": 2,
         "code": kw.pop("code", "7" + phone[-6:])}
    u.update(kw)
    return u


ACCOUNTS = {"users": e.ACCOUNTS["users"] + [
    user(EVE, email="eve@example.com", email_code=EMAIL_CODE),
    user(FAY, email_setup_required=True, email_code=EMAIL_CODE),
    user(GUS, password=GUS_PASSWORD, hint="old", recovery_email="gus@example.org",
         recovery_code=RECOVERY_CODE),
    user(HAL, password="Hal-Passw0rd-x"),
    user(IVY, signed_up=False),
    user(JON, payment_required=True),
    user(WORD_PHONE, code_type="sms_word", code="banana"),
    user(FIREBASE_PHONE, code_type="firebase_sms"),
] + [user(p, code_type=t) for p, t in TYPES.items()], "bots": e.ACCOUNTS["bots"]}


def code_of(phone):
    return "7" + phone[-6:]


class LoginBranches(E2ETestCase):
    def start_dc(self, *args, accounts=None):
        return super().start_dc(*args, accounts=accounts or ACCOUNTS)

    def login(self, name, phone, *extra, env=None, stdin_data=None):
        return self.run_tgs("login", self.path(name), "--phone", phone, *extra, env=env,
                            stdin_data=stdin_data)

    def failed(self, r, exit_code, code, next_step):
        self.assertExit(r, exit_code)
        j = r.one_json()
        self.assertIs(j["ok"], False)
        self.assertEqual(j["error"]["code"], code)
        self.assertEqual(j.get("next_step"), next_step, j)
        return j

    # --- email codes -----------------------------------------------------------------------
    def test_email_code_scripted_flags_and_env(self):
        r = self.login("eve.session", EVE, "--code", EMAIL_CODE)
        self.assertExit(r, 0)
        self.assertEqual(r.one_json()["next_step"], "done")
        self.assertIn("e***@example.com", r.stderr)
        r = self.login("eve2.session", EVE, env={"TGSESSION_CODE": EMAIL_CODE})
        self.assertExit(r, 0)
        r = self.run_tgs("login", self.path("eve3.session"), "--send-code", "--phone", EVE)
        j = r.one_json()
        self.assertEqual((j["code_type"], j["email_pattern"], j["next_step"]),
                         ("email", "e***@example.com", "code"))

    def test_email_code_wrong_then_right_on_a_terminal(self):
        t = self.spawn_tty("login", self.path("eve.session"), "--phone", EVE)
        t.expect(r"sent by email to e\*\*\*@example.com")
        t.expect(r"Email code \(sent to e\*\*\*@example.com\) \(or 'r' to resend\): ")
        t.send_line("1111111")
        t.expect(r"wrong code; try again")
        t.send_line(EMAIL_CODE)
        t.expect(r"Logged in")
        self.assertEqual(t.wait(), 0, t.transcript)
        t.transcript = t.transcript.replace(EMAIL_CODE, "<typed>")

    def test_lost_login_email_reset_to_sms(self):
        t = self.spawn_tty("login", self.path("eve.session"), "--phone", EVE)
        t.expect(r"Type 'reset'")
        t.expect(r"\(or 'r' to resend\): ")
        t.send_line("reset")
        t.expect(r"sent by SMS")
        t.send_line(code_of(EVE))
        t.expect(r"Logged in")
        self.assertEqual(t.wait(), 0, t.transcript)

    # --- login-email setup -----------------------------------------------------------------
    def test_email_setup_scripted(self):
        r = self.login("fay.session", FAY, "--code", EMAIL_CODE)
        self.failed(r, 64, "CLI_USAGE_EMAIL", "email")
        r = self.login("fay.session", FAY, "--code", EMAIL_CODE, "--email", "fay@example.net")
        self.failed(r, 64, "CLI_USAGE_EMAIL_CODE", "email_code")
        r = self.login("fay.session", FAY, "--code", EMAIL_CODE, "--email", "fay@example.net",
                       "--email-code", "0000000")
        self.failed(r, 77, "RPC_EMAIL_CODE_INVALID", None)
        r = self.login("fay.session", FAY, env={"TGSESSION_CODE": EMAIL_CODE,
                                                "TGSESSION_EMAIL": "fay@example.net",
                                                "TGSESSION_EMAIL_CODE": EMAIL_CODE})
        self.assertExit(r, 0)
        self.assertIn("f***@example.net", r.stderr)
        # Set up once: the next login's code goes to that email at once.
        r = self.run_tgs("login", self.path("fay2.session"), "--send-code", "--phone", FAY)
        self.assertEqual(r.one_json()["code_type"], "email")

    def test_email_setup_on_a_terminal(self):
        t = self.spawn_tty("login", self.path("fay.session"), "--phone", FAY)
        t.expect(r"Login email: ")
        t.send_line("fay@example.net")
        t.expect(r"Email code \(sent to f\*\*\*@example.net\): ")
        t.send_line(EMAIL_CODE)
        t.expect(r"Login email verified")
        t.expect(r"\(or 'r' to resend\): ")
        t.send_line(EMAIL_CODE)
        t.expect(r"Logged in")
        self.assertEqual(t.wait(), 0, t.transcript)
        t.transcript = t.transcript.replace(EMAIL_CODE, "<typed>")

    # --- 2FA recovery ----------------------------------------------------------------------
    def test_recovery_with_new_password_then_old_refused(self):
        new_pw = self.write_secret("new.txt", GUS_NEW)
        r = self.login("gus.session", GUS, "--code", code_of(GUS), "--recover")
        self.failed(r, 64, "CLI_USAGE_RECOVERY_CODE", "recovery_code")
        r = self.login("gus.session", GUS, "--code", code_of(GUS), "--recover",
                       "--recovery-code", RECOVERY_CODE, "--new-password-file", new_pw)
        self.assertExit(r, 0)
        self.assertIn("g***@example.org", r.stderr)
        self.assertIn("password was replaced", r.stderr)
        old = self.write_secret("old.txt", GUS_PASSWORD)
        r = self.login("gus2.session", GUS, "--code", code_of(GUS), "--password-file", old)
        self.failed(r, 77, "RPC_PASSWORD_HASH_INVALID", "password")
        r = self.login("gus3.session", GUS, "--code", code_of(GUS), "--password-file", new_pw)
        self.assertExit(r, 0)

    def test_recovery_without_new_password_removes_2fa(self):
        r = self.login("gus.session", GUS, env={"TGSESSION_CODE": code_of(GUS),
                                                "TGSESSION_RECOVER": "1",
                                                "TGSESSION_RECOVERY_CODE": RECOVERY_CODE})
        self.assertExit(r, 0)
        self.assertIn("Two-step verification is now OFF", r.stderr)
        # No password any more: the old one is not asked for (nor accepted).
        r = self.login("gus2.session", GUS, "--code", code_of(GUS))
        self.assertExit(r, 0)

    def test_recovery_on_a_terminal_with_a_wrong_code_first(self):
        t = self.spawn_tty("login", self.path("gus.session"), "--phone", GUS, "--recover")
        t.expect(r"\(or 'r' to resend\): ")
        t.send_line(code_of(GUS))
        t.expect(r"Recovery code \(sent to g\*\*\*@example.org\): ")
        t.send_line("1234567")
        t.expect(r"New 2FA password \(empty: turn 2FA off\): ")
        t.send_hidden(GUS_NEW)
        t.expect(r"again: ")
        t.send_hidden(GUS_NEW)
        t.expect(r"wrong recovery code")
        t.send_line(RECOVERY_CODE)
        t.expect(r"password was replaced")
        self.assertEqual(t.wait(), 0, t.transcript)
        t.transcript = t.transcript.replace(RECOVERY_CODE, "<typed>")

    def test_no_recovery_email_explains_the_reset(self):
        r = self.login("hal.session", HAL, "--code", code_of(HAL), "--recover")
        j = self.failed(r, 69, "AUTH_NO_RECOVERY_EMAIL", "reset_password")
        self.assertIn("waiting period", j["error"]["message"])

    # --- future auth tokens ----------------------------------------------------------------
    def test_future_token_relogin_without_code_after_revoke(self):
        s = self.path("bob.session")
        self.login("bob.session", e.BOB_PHONE, "--code", e.BOB_CODE)
        token_dir = os.path.join(self.path("state"), "tgsession", "future_tokens")
        files = os.listdir(token_dir)
        self.assertEqual(len(files), 1)
        self.assertNotIn(e.BOB_PHONE, files[0])
        self.assertEqual(os.stat(os.path.join(token_dir, files[0])).st_mode & 0o777, 0o600)
        self.assertExit(self.run_tgs("revoke", s), 0)
        r = self.login("bob.session", e.BOB_PHONE)  # no code at all
        self.assertExit(r, 0)
        self.assertIn("no code needed", r.stderr)
        self.assertExit(self.status(s), 0)
        # --forget: the tokens go, so the next login needs a code again.
        r = self.run_tgs("revoke", s, "--forget")
        self.assertExit(r, 0)
        self.assertIs(r.one_json()["future_tokens_deleted"], True)
        self.failed(self.login("bob.session", e.BOB_PHONE), 64, "CLI_USAGE_CODE", "code")

    # --- sign-up ---------------------------------------------------------------------------
    def test_sign_up_refused_without_flag_then_created(self):
        r = self.login("ivy.session", IVY, "--code", code_of(IVY))
        j = self.failed(r, 77, "AUTH_SIGN_UP_REQUIRED", "sign_up")
        self.assertIn("--sign-up", j["error"]["message"])
        r = self.login("ivy.session", IVY, "--code", code_of(IVY), "--sign-up", "Ivy Stone")
        self.failed(r, 64, "CLI_USAGE_ACCEPT_TOS", "accept_tos")
        self.assertIn("terms of service", r.stderr)
        r = self.login("ivy.session", IVY, env={"TGSESSION_CODE": code_of(IVY),
                                                "TGSESSION_SIGN_UP": "Ivy Stone",
                                                "TGSESSION_ACCEPT_TOS": "1"})
        self.assertExit(r, 0)
        u = r.one_json()["user"]
        self.assertEqual((u["first_name"], u["last_name"]), ("Ivy", "Stone"))

    def test_sign_up_on_a_terminal(self):
        t = self.spawn_tty("login", self.path("ivy.session"), "--phone", IVY,
                           "--sign-up", "Ivy")
        t.expect(r"\(or 'r' to resend\): ")
        t.send_line(code_of(IVY))
        t.expect(r"Test DC terms of service")
        t.expect(r"Accept the terms of service\? \[y/N\] ")
        t.send_line("y")
        t.expect(r"Logged in")
        self.assertEqual(t.wait(), 0, t.transcript)

    # --- paid codes and code types ---------------------------------------------------------
    def test_paid_code_has_its_own_exit(self):
        r = self.login("jon.session", JON, "--code", "1234567")
        j = self.failed(r, 80, "AUTH_PAYMENT_REQUIRED", "qr")
        self.assertIn("--qr", j["error"]["message"])

    def test_every_code_type_named(self):
        for phone, name in TYPES.items():
            r = self.run_tgs("login", self.path(phone + ".session"), "--send-code",
                             "--phone", phone)
            self.assertExit(r, 0)
            self.assertEqual(r.one_json()["code_type"], name, r)
        r = self.run_tgs("login", self.path("mc.session"), "--send-code", "--phone",
                         "15550002001")
        self.assertIn("last 7 digits of the number that calls you", r.stderr)
        # Firebase SMS needs the official app: the next type (SMS) is asked for instead.
        r = self.run_tgs("login", self.path("fb.session"), "--send-code", "--phone",
                         FIREBASE_PHONE)
        self.assertEqual(r.one_json()["code_type"], "sms")

    def test_sms_word_is_typed_as_text(self):
        r = self.login("word.session", WORD_PHONE, "--code", "banana")
        self.assertExit(r, 0)


if __name__ == "__main__":
    e.main()
