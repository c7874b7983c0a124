"""DC migration (PHONE_MIGRATE: the session ends up recording the account's home DC) and
FLOOD_WAIT (exit 75 with retry_after / retry_at in JSON)."""
import datetime
import os

import e2e_support as e
from e2e_support import E2ETestCase


class Migration(E2ETestCase):
    def offline(self, session):
        r = self.status(session, offline=True)
        return r.one_json()

    def test_fresh_session_moves_to_home_dc(self):
        # A new session starts on DC 2; Cat lives on DC 3.
        s = self.path("cat.session")
        j = self.login_scripted(s, e.CAT_PHONE, e.CAT_CODE)
        self.assertEqual(j["user"]["id"], e.USER_IDS[e.CAT_PHONE])
        o = self.offline(s)
        self.assertEqual(o["dc_id"], 3)
        self.assertEqual(o["port"], self.dc.ports[3])
        self.assertEqual(o["server_address"], "127.0.0.1")
        self.assertExit(self.status(s), 0)

    def test_session_on_dc1_moves_to_dc2(self):
        # A session that starts on DC 1: Bob (DC 1) logs in, then logs out; the file keeps
        # DC 1 without a key. Dan (DC 2) then logs in with it.
        s = self.path("move.session")
        self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE)
        self.assertExit(self.run_tgs("revoke", s), 0)
        o = self.offline(s)
        self.assertEqual(o["dc_id"], 1)
        self.assertIsNone(o["auth_key_id"])

        j = self.login_scripted(s, e.DAN_PHONE, e.DAN_CODE)
        self.assertEqual(j["user"]["id"], e.USER_IDS[e.DAN_PHONE])
        o = self.offline(s)
        self.assertEqual(o["dc_id"], 2)
        self.assertEqual(o["port"], self.dc.ports[2])
        self.assertEqual(o["user_id"], e.USER_IDS[e.DAN_PHONE])
        st = self.status(s).one_json()
        self.assertEqual(st["state"], "authorized")
        self.assertEqual(st["dc_id"], 2)

    def test_bot_on_other_dc_migrates(self):
        # The bot lives on DC 2; start a session on DC 1 the same way.
        s = self.path("botmove.session")
        self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE)
        self.assertExit(self.run_tgs("revoke", s), 0)
        self.bot_login(s)
        self.assertEqual(self.offline(s)["dc_id"], 2)
        self.assertExit(self.status(s), 0)


class FloodWait(E2ETestCase):
    testdc_args = ("--flood-after", "1", "--flood-wait", "42")

    def test_second_send_code_gets_flood_wait_75(self):
        r = self.run_tgs("login", self.path("a.session"), "--send-code", "--phone", e.BOB_PHONE)
        self.assertExit(r, 0)
        before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        r = self.run_tgs("login", self.path("b.session"), "--send-code", "--phone", e.BOB_PHONE)
        self.assertExit(r, 75)
        j = r.one_json()
        self.assertIs(j["ok"], False)
        self.assertEqual(j["command"], "login")
        self.assertEqual(j["retry_after"], 42)
        self.assertEqual(j["error"]["exit_code"], 75)
        self.assertTrue(j["error"]["code"].startswith("RPC_FLOOD_WAIT"), j)
        at = datetime.datetime.strptime(j["retry_at"], "%Y-%m-%dT%H:%M:%SZ").replace(
            tzinfo=datetime.timezone.utc)
        delta = (at - before).total_seconds()
        self.assertTrue(40 <= delta <= 44 + e.RUN_TIMEOUT, delta)
        self.assertIn("42 s", r.stderr)
        self.assertIn(j["retry_at"], r.stderr)
        self.assertFalse(os.path.exists(self.path("b.session")))

    def test_flood_wait_in_a_full_login_without_json(self):
        self.run_tgs("login", self.path("a.session"), "--send-code", "--phone", e.BOB_PHONE)
        r = self.run_tgs("login", self.path("c.session"), "--phone", e.BOB_PHONE, "--code",
                         e.BOB_CODE, json_out=False)
        self.assertExit(r, 75)
        self.assertEqual(r.stdout, "")
        self.assertIn("42 s", r.stderr)


if __name__ == "__main__":
    e.main()
