"""`tgsession bot-login`: the token from --token-file, $TGSESSION_BOT_TOKEN or stdin (never
argv); a wrong token is rejected with exit 77."""
import e2e_support as e
from e2e_support import E2ETestCase


class BotLogin(E2ETestCase):
    def check_bot(self, r, session):
        self.assertExit(r, 0)
        j = r.one_json()
        self.assertEqual(j["command"], "bot-login")
        self.assertIs(j["ok"], True)
        self.assertEqual(j["session"], session)
        self.assertEqual(j["user"]["id"], e.BOT_ID)
        self.assertIs(j["user"]["bot"], True)
        self.assertEqual(j["user"]["username"], "test_bot")
        st = self.status(session).one_json()
        self.assertEqual(st["state"], "authorized")
        self.assertEqual(st["user_id"], e.BOT_ID)
        self.assertIs(st["bot"], True)
        self.assertEqual(st["dc_id"], 2)

    def test_token_file(self):
        s = self.path("b1.session")
        self.check_bot(self.run_tgs("bot-login", s, "--token-file",
                                    self.write_secret("t.txt", e.BOT_TOKEN)), s)

    def test_token_env(self):
        s = self.path("b2.session")
        self.check_bot(self.run_tgs("bot-login", s, env={"TGSESSION_BOT_TOKEN": e.BOT_TOKEN}), s)

    def test_token_stdin(self):
        s = self.path("b3.session")
        self.check_bot(self.run_tgs("bot-login", s, stdin_data=e.BOT_TOKEN + "\n"), s)

    def test_token_file_dash_is_stdin(self):
        s = self.path("b4.session")
        self.check_bot(self.run_tgs("bot-login", s, "--token-file", "-",
                                    stdin_data=e.BOT_TOKEN + "\n"), s)

    def test_session_name_without_extension_gets_dot_session(self):
        self.run_tgs("bot-login", self.path("noext"), env={"TGSESSION_BOT_TOKEN": e.BOT_TOKEN})
        self.check_bot(self.run_tgs("bot-login", self.path("noext"), "--force",
                                    env={"TGSESSION_BOT_TOKEN": e.BOT_TOKEN}),
                       self.path("noext.session"))

    def test_wrong_token_is_rejected_77(self):
        s = self.path("bad.session")
        r = self.run_tgs("bot-login", s, "--token-file",
                         self.write_secret("t.txt", e.WRONG_BOT_TOKEN))
        self.assertExit(r, 77)
        j = r.one_json()
        self.assertIs(j["ok"], False)
        self.assertEqual(j["command"], "bot-login")
        self.assertEqual(j["error"]["exit_code"], 77)
        self.assertNotIn(e.WRONG_BOT_TOKEN.split(":")[1], r.stdout + r.stderr)

    def test_not_a_token_is_usage_error(self):
        r = self.run_tgs("bot-login", self.path("x.session"), stdin_data="hello\n")
        self.assertExit(r, 64)

    def test_empty_stdin_is_not_a_hang(self):
        r = self.run_tgs("bot-login", self.path("x.session"))  # stdin is /dev/null
        self.assertExit(r, 64)


if __name__ == "__main__":
    e.main()
