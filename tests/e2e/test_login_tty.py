"""Interactive `tgsession login` on a pseudo-terminal: phone -> code -> 2FA password, with
wrong answers first, and a bot token typed at the first prompt."""
import e2e_support as e
from e2e_support import E2ETestCase

PHONE_PROMPT = r"Phone number or bot token: "
CODE_PROMPT = r"Login code \(or 'r' to resend\): "


class InteractiveLogin(E2ETestCase):
    def test_phone_code_password_with_wrong_answers_first(self):
        session = self.path("ann.session")
        t = self.spawn_tty("login", session)
        t.expect(PHONE_PROMPT)
        t.send_line("+1 555 000-1111")
        t.expect(r"The login code was sent")
        t.expect(r"\(%d digits\)" % len(e.ANN_CODE))
        t.expect(CODE_PROMPT)
        t.send_line("1234567")  # wrong
        t.expect(r"wrong code; try again")
        t.expect(CODE_PROMPT)
        # Codes may be typed with spaces and dashes.
        t.send_line(e.ANN_CODE[:3] + " " + e.ANN_CODE[3:5] + "-" + e.ANN_CODE[5:])
        t.expect(r"hint: pet's name")
        t.expect(r"2FA password \(hint: pet's name\): ")
        t.send_hidden("wrong-Password-123")
        t.expect(r"wrong password; try again")
        t.expect(r"2FA password \(hint: pet's name\): ")
        t.send_hidden(e.ANN_PASSWORD)
        t.expect(r"Logged in")
        self.assertEqual(t.wait(), 0, t.transcript)
        # The terminal never showed either password (echo was off), nor the code in output
        # other than what the user's own typing echoed.
        self.assertNotIn(e.ANN_PASSWORD, t.transcript)
        self.assertNotIn("wrong-Password-123", t.transcript)
        self.assertIn("id %d" % e.USER_IDS[e.ANN_PHONE], t.transcript)
        # The code the user typed is echoed once (canonical echo); remove it before the
        # secret scan, which then checks that tgsession itself never printed it.
        t.transcript = t.transcript.replace(
            e.ANN_CODE[:3] + " " + e.ANN_CODE[3:5] + "-" + e.ANN_CODE[5:], "<typed code>")

        st = self.status(session)
        self.assertExit(st, 0)
        j = st.one_json()
        self.assertEqual(j["state"], "authorized")
        self.assertEqual(j["user_id"], e.USER_IDS[e.ANN_PHONE])
        self.assertEqual(j["dc_id"], 2)

    def test_resend_code_with_r(self):
        session = self.path("bob.session")
        t = self.spawn_tty("login", session)
        t.expect(PHONE_PROMPT)
        t.send_line("+" + e.BOB_PHONE)
        t.expect(CODE_PROMPT)
        t.send_line("r")
        t.expect(r"The login code was sent")
        t.expect(CODE_PROMPT)
        t.send_line(e.BOB_CODE)
        t.expect(r"Logged in")
        self.assertEqual(t.wait(), 0, t.transcript)
        t.transcript = t.transcript.replace(e.BOB_CODE, "<typed code>")
        self.assertExit(self.status(session), 0)

    def test_bot_token_at_first_prompt_goes_to_bot_login(self):
        session = self.path("bot.session")
        t = self.spawn_tty("login", session)
        t.expect(PHONE_PROMPT)
        t.send_line(e.BOT_TOKEN)
        t.expect(r"Logged in")
        self.assertEqual(t.wait(), 0, t.transcript)
        # No code prompt was shown: this was a bot login.
        self.assertNotIn("Login code", t.transcript)
        # The token was echoed once as typed (it could have been a phone number); tgsession
        # itself must not print it again.
        self.assertEqual(t.transcript.count(e.BOT_SECRET_PART), 1, t.transcript)
        t.transcript = t.transcript.replace(e.BOT_TOKEN, "<typed token>")

        j = self.status(session).one_json()
        self.assertEqual(j["state"], "authorized")
        self.assertEqual(j["user_id"], e.BOT_ID)
        self.assertTrue(j["bot"])

    def test_end_of_input_at_prompt_is_a_usage_error(self):
        t = self.spawn_tty("login", self.path("eof.session"))
        t.expect(PHONE_PROMPT)
        t.send_raw("\x04")  # ^D on an empty line: end of input
        self.assertEqual(t.wait(), 64, t.transcript)


if __name__ == "__main__":
    e.main()
