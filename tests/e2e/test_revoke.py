"""`tgsession revoke`: plain logOut (file kept without its key), --delete, --list (current
marked), --others, --hash H."""
import os

import e2e_support as e
from e2e_support import E2ETestCase

AUTH_FIELDS = {"hash", "hash_str", "current", "device_model", "platform", "system_version",
               "app_name", "app_version", "api_id", "ip", "country", "date_created",
               "date_active"}


class Revoke(E2ETestCase):
    def two_logins(self):
        a, b = self.path("a.session"), self.path("b.session")
        self.login_scripted(a, e.BOB_PHONE, e.BOB_CODE)
        self.login_scripted(b, e.BOB_PHONE, e.BOB_CODE)
        return a, b

    def authorizations(self, session):
        r = self.run_tgs("revoke", session, "--list")
        self.assertExit(r, 0)
        j = r.one_json()
        self.assertEqual(j["command"], "revoke")
        self.assertEqual(j["action"], "list")
        self.assertIs(j["ok"], True)
        self.assertEqual(j["session"], session)
        for a in j["authorizations"]:
            self.assertEqual(set(a), AUTH_FIELDS)
            self.assertEqual(a["hash_str"], str(a["hash"]))
        return j["authorizations"]

    def test_log_out_keeps_file_without_key(self):
        s = self.path("s.session")
        self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE)
        r = self.run_tgs("revoke", s)
        self.assertExit(r, 0)
        j = r.one_json()
        self.assertEqual(j, {"command": "revoke", "action": "log_out", "ok": True,
                             "session": s, "deleted": False, "future_tokens_deleted": False})
        self.assertTrue(os.path.exists(s))
        self.assertEqual(os.stat(s).st_mode & 0o777, 0o600)
        off = self.status(s, offline=True).one_json()
        self.assertIsNone(off["auth_key_id"])
        self.assertEqual(off["dc_id"], 1)
        self.assertExit(self.status(s), 1)
        # Revoking again: nothing to log out.
        r = self.run_tgs("revoke", s)
        self.assertExit(r, 1)
        self.assertEqual(r.one_json()["error"]["code"], "AUTH_NOT_AUTHORIZED")

    def test_log_out_kills_the_key_on_the_server(self):
        # A copy of the file made before logOut must not work afterwards.
        s, copy = self.path("s.session"), self.path("copy.session")
        self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE)
        with open(s, "rb") as src, open(copy, "wb") as dst:
            dst.write(src.read())
        self.assertExit(self.status(copy), 0)
        self.assertExit(self.run_tgs("revoke", s), 0)
        self.assertExit(self.status(copy), 1)

    def test_delete(self):
        s = self.path("d.session")
        self.bot_login(s)
        r = self.run_tgs("revoke", s, "--delete")
        self.assertExit(r, 0)
        j = r.one_json()
        self.assertEqual(j["action"], "log_out")
        self.assertIs(j["deleted"], True)
        self.assertFalse(os.path.exists(s))

    def test_list_marks_current(self):
        a, b = self.two_logins()
        auths = self.authorizations(a)
        self.assertEqual(len(auths), 2)
        self.assertEqual(sum(1 for x in auths if x["current"]), 1)
        other = self.authorizations(b)
        # As on Telegram, the current authorization is listed with hash 0; each side sees the
        # other one under a real hash.
        self.assertEqual([x["hash"] for x in auths if x["current"]], [0])
        self.assertEqual([x["hash"] for x in other if x["current"]], [0])
        b_seen_from_a = next(x["hash"] for x in auths if not x["current"])
        a_seen_from_b = next(x["hash"] for x in other if not x["current"])
        self.assertNotEqual(b_seen_from_a, 0)
        self.assertNotEqual(a_seen_from_b, 0)
        self.assertNotEqual(b_seen_from_a, a_seen_from_b)
        self.assertEqual({x["api_id"] for x in auths}, {int(e.API_ID)})
        # --list changes nothing.
        self.assertExit(self.status(a, b), 0)

    def test_list_human_output_marks_this_session(self):
        a, _ = self.two_logins()
        r = self.run_tgs("revoke", a, "--list", json_out=False)
        self.assertExit(r, 0)
        lines = [ln for ln in r.stdout.splitlines() if ln.strip()]
        self.assertEqual(len(lines), 2)
        self.assertEqual(sum(1 for ln in lines if "(this session)" in ln), 1)

    def test_others(self):
        a, b = self.two_logins()
        c = self.path("c.session")
        self.login_scripted(c, e.BOB_PHONE, e.BOB_CODE)
        r = self.run_tgs("revoke", b, "--others")
        self.assertExit(r, 0)
        self.assertEqual(r.one_json(), {"command": "revoke", "action": "others", "ok": True,
                                        "session": b})
        self.assertExit(self.status(b), 0)
        self.assertExit(self.status(a), 1)
        self.assertExit(self.status(c), 1)
        auths = self.authorizations(b)
        self.assertEqual(len(auths), 1)
        self.assertTrue(auths[0]["current"])
        # The file of the session that did it is untouched and still works.
        self.assertTrue(os.path.exists(a))

    def test_hash(self):
        a, b = self.two_logins()
        auths = self.authorizations(b)
        target = next(x for x in auths if not x["current"])
        r = self.run_tgs("revoke", b, "--hash", target["hash_str"])
        self.assertExit(r, 0)
        j = r.one_json()
        self.assertEqual(j["action"], "hash")
        self.assertEqual(j["hash"], target["hash"])
        self.assertExit(self.status(a), 1)
        self.assertExit(self.status(b), 0)
        self.assertEqual(len(self.authorizations(b)), 1)

    def test_unknown_hash_fails(self):
        _, b = self.two_logins()
        r = self.run_tgs("revoke", b, "--hash", "12345")
        self.assertNotEqual(r.returncode, 0, repr(r))
        self.assertIs(r.one_json()["ok"], False)
        self.assertEqual(len(self.authorizations(b)), 2)

    def test_options_exclude_each_other(self):
        s = self.path("x.session")
        self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE)
        self.assertExit(self.run_tgs("revoke", s, "--list", "--others"), 64)
        self.assertExit(self.run_tgs("revoke", s, "--delete", "--hash", "1"), 64)
        self.assertExit(self.status(s), 0)

    def test_missing_file_is_66(self):
        self.assertExit(self.run_tgs("revoke", self.path("none.session")), 66)


if __name__ == "__main__":
    e.main()
