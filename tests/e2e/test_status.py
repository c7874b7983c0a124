"""`tgsession status`: authorized (0), not authorized (1), logged out, revoked from elsewhere,
unreachable (69), --offline fields, several files at once, and files left untouched."""
import os
import re
import subprocess

import e2e_support as e
from e2e_support import E2ETestCase

STATUS_FIELDS = {"command", "session", "state", "authorized", "reason", "format", "dc_id",
                 "server_address", "port", "auth_key_id", "user_id", "username", "bot",
                 "file_mode"}


def read_text(path):
    with open(path) as f:
        return f.read()


def telethon_session_with_unknown_key(path, port):
    """A Telethon v1 file holding a random key the test DC never saw (written by Telethon)."""
    code = ("import os, sys\n"
            "from telethon.crypto import AuthKey\n"
            "from telethon.sessions import SQLiteSession\n"
            "s = SQLiteSession(sys.argv[1])\n"
            "s.set_dc(2, '127.0.0.1', int(sys.argv[2]))\n"
            "s.auth_key = AuthKey(data=os.urandom(256))\n"
            "s.save()\n"
            "s.close()\n")
    subprocess.run(["/usr/bin/python3", "-c", code, path, str(port)], check=True, timeout=60)


class Status(E2ETestCase):
    def check_fields(self, j):
        self.assertEqual(set(j) - {"message"}, STATUS_FIELDS)
        self.assertEqual(j["command"], "status")
        self.assertEqual(j["authorized"], j["state"] == "authorized")

    def test_authorized_user(self):
        s = self.path("ann.session")
        self.login_scripted(s, e.ANN_PHONE, e.ANN_CODE, password=e.ANN_PASSWORD)
        r = self.status(s)
        self.assertExit(r, 0)
        j = r.one_json()
        self.check_fields(j)
        self.assertEqual(j["state"], "authorized")
        self.assertIs(j["authorized"], True)
        self.assertEqual(j["session"], s)
        self.assertEqual(j["format"], "telethon")
        self.assertEqual(j["user_id"], e.USER_IDS[e.ANN_PHONE])
        self.assertEqual(j["username"], "ann")
        self.assertIs(j["bot"], False)
        self.assertEqual(j["dc_id"], 2)
        self.assertEqual(j["file_mode"], "0600")
        self.assertRegex(j["auth_key_id"], r"^[0-9a-f]{16}$")

    def test_human_output_without_json(self):
        s = self.path("bob.session")
        self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE)
        r = self.run_tgs("status", s, json_out=False)
        self.assertExit(r, 0)
        self.assertIn("authorized", r.stdout)
        self.assertIn("@bob", r.stdout)

    def test_offline_reports_the_file(self):
        s = self.path("bob.session")
        self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE)
        self.dc.stop()  # --offline must not need the network
        r = self.status(s, offline=True)
        self.assertExit(r, 0)
        j = r.one_json()
        self.check_fields(j)
        self.assertEqual(j["state"], "has_key")
        self.assertIs(j["authorized"], False)  # the file alone cannot prove it
        self.assertEqual(j["format"], "telethon")
        self.assertEqual(j["dc_id"], 1)
        self.assertEqual(j["server_address"], "127.0.0.1")
        self.assertEqual(j["port"], self.dc.ports[1])
        self.assertRegex(j["auth_key_id"], r"^[0-9a-f]{16}$")
        self.assertEqual(j["user_id"], e.USER_IDS[e.BOB_PHONE])
        self.assertEqual(j["username"], "bob")
        self.assertIsNone(j["bot"])  # a Telethon v1 file cannot say
        self.assertEqual(j["file_mode"], "0600")

    def test_offline_and_online_agree_on_key_id(self):
        s = self.path("bot.session")
        self.bot_login(s)
        on = self.status(s).one_json()
        off = self.status(s, offline=True).one_json()
        self.assertEqual(on["auth_key_id"], off["auth_key_id"])
        self.assertEqual(off["user_id"], e.BOT_ID)
        self.assertIs(on["bot"], True)

    def test_logged_out_file_is_not_authorized(self):
        s = self.path("out.session")
        self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE)
        self.assertExit(self.run_tgs("revoke", s), 0)
        r = self.status(s)
        self.assertExit(r, 1)
        j = r.one_json()
        self.check_fields(j)
        self.assertEqual(j["state"], "not_authorized")
        self.assertIs(j["authorized"], False)
        self.assertEqual(j["dc_id"], 1)

    def test_key_unknown_to_the_server_is_not_authorized(self):
        s = self.path("unknown.session")
        telethon_session_with_unknown_key(s, self.dc.ports[2])
        r = self.status(s)
        self.assertExit(r, 1)
        j = r.one_json()
        self.assertEqual(j["state"], "not_authorized")
        self.assertIsNotNone(j["reason"])

    def test_revoked_elsewhere_is_not_authorized(self):
        a, b = self.path("a.session"), self.path("b.session")
        self.login_scripted(a, e.BOB_PHONE, e.BOB_CODE)
        self.login_scripted(b, e.BOB_PHONE, e.BOB_CODE)
        self.assertExit(self.run_tgs("revoke", b, "--others"), 0)
        r = self.status(a)
        self.assertExit(r, 1)
        j = r.one_json()
        self.assertEqual(j["state"], "not_authorized")
        self.assertIn(j["reason"], ("revoked", "unregistered"))

    def test_unreachable_is_69(self):
        s = self.path("bob.session")
        self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE)
        self.dc.stop()
        r = self.status(s)
        self.assertExit(r, 69)
        j = r.one_json()
        self.check_fields(j)
        self.assertEqual(j["state"], "unreachable")
        self.assertTrue(j["reason"].startswith("NET_"), j)

    def test_several_files_at_once(self):
        ok1, ok2, out = self.path("ok1.session"), self.path("ok2.session"), self.path("o.session")
        self.login_scripted(ok1, e.BOB_PHONE, e.BOB_CODE)
        self.bot_login(ok2)
        self.login_scripted(out, e.DAN_PHONE, e.DAN_CODE)
        self.assertExit(self.run_tgs("revoke", out), 0)

        r = self.status(ok1, ok2)
        self.assertExit(r, 0)
        lines = r.json_lines()
        self.assertEqual({j["session"] for j in lines}, {ok1, ok2})
        self.assertTrue(all(j["state"] == "authorized" for j in lines))

        r = self.status(ok1, out, ok2)
        self.assertExit(r, 1)  # not every file is authorized
        by_file = {j["session"]: j for j in r.json_lines()}
        self.assertEqual(set(by_file), {ok1, ok2, out})
        self.assertEqual(by_file[out]["state"], "not_authorized")
        self.assertEqual(by_file[ok2]["user_id"], e.BOT_ID)

    def test_a_file_named_again_through_a_link_is_checked_once(self):
        # A link beside the file in its folder, a link and a hard link named on the command
        # line: one file, one check (it was one check per name).
        fleet = self.path("fleet")
        os.mkdir(fleet)
        real, bad = os.path.join(fleet, "a.session"), os.path.join(fleet, "c.session")
        self.bot_login(real)
        with open(bad, "wb") as f:
            f.write(os.urandom(4096))  # corrupt: a file that fails to read is one too
        os.symlink(real, os.path.join(fleet, "b.session"))
        os.symlink(bad, os.path.join(fleet, "d.session"))
        os.link(real, self.path("hard.session"))
        os.symlink(real, self.path("named.session"))
        other = self.path("other.session")
        self.login_scripted(other, e.BOB_PHONE, e.BOB_CODE)
        for mode in (["--offline"], []):
            r = self.run_tgs("status", "--keep-order", fleet, self.path("named.session"),
                             self.path("hard.session"), other, *mode)
            self.assertExit(r, 65)  # c's
            got = [(j["session"], j["state"]) for j in r.json_lines()]
            ok = "has_key" if mode else "authorized"
            self.assertEqual(got, [(real, ok), (bad, "error"), (other, ok)], mode)
            self.assertIn("status: 3 sessions: 2 ", r.stderr)
            self.assertIn("1 error (1 SESSION_CORRUPT)", r.stderr)

    def test_missing_file_is_66(self):
        r = self.status(self.path("nope.session"))
        self.assertExit(r, 66)
        self.assertFalse(os.path.exists(self.path("nope.session")))

    def test_status_never_modifies_the_file(self):
        s = self.path("ro.session")
        self.login_scripted(s, e.ANN_PHONE, e.ANN_CODE, password=e.ANN_PASSWORD)
        before = e.file_fingerprint(s)
        listing = sorted(os.listdir(self.tmp))
        self.assertExit(self.status(s), 0)
        self.assertExit(self.status(s, offline=True), 0)
        self.assertEqual(e.file_fingerprint(s), before)
        self.assertEqual(sorted(os.listdir(self.tmp)), listing)  # no journal/backup left
        # Also for a file the server rejects, and when the server is gone.
        self.assertExit(self.run_tgs("revoke", s), 0)
        before = e.file_fingerprint(s)
        self.assertExit(self.status(s), 1)
        self.dc.stop()
        self.assertExit(self.status(s), 1)  # no key: known without the network
        self.assertEqual(e.file_fingerprint(s), before)

    def test_salt_cache_is_private_and_a_stale_salt_still_works(self):
        # login remembers the server salt (so status needs no bad_server_salt round trip) in
        # the XDG state dir, 0600, in the shard file named by the key id's first 6 bits; a
        # wrong cached salt only costs that round trip.
        s = self.path("salt.session")
        self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE)
        key_id = self.status(s, offline=True).one_json()["auth_key_id"]
        shards = os.path.join(self.path("state"), "tgsession", "server-salts.d")
        cache = os.path.join(shards, "%02x" % (int(key_id[:2], 16) >> 2))
        self.assertEqual(os.stat(cache).st_mode & 0o777, 0o600)
        self.assertEqual(os.stat(shards).st_mode & 0o777, 0o700)
        self.assertEqual(os.stat(os.path.dirname(shards)).st_mode & 0o777, 0o700)
        cached_id, good_salt, saved_at = read_text(cache).split()
        self.assertEqual(cached_id, key_id)
        with open(cache, "w") as f:
            f.write("%s 12345 %s\n" % (key_id, saved_at))
        self.assertExit(self.status(s), 0)
        self.assertEqual(read_text(cache).split()[:2], [key_id, good_salt])  # corrected
        with open(cache, "w") as f:
            f.write("garbage\n")
        self.assertExit(self.status(s), 0)
        self.assertEqual(read_text(cache).split()[:2], [key_id, good_salt])  # garbage dropped

    def test_status_works_on_a_read_only_file(self):
        s = self.path("r.session")
        self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE)
        os.chmod(s, 0o400)
        r = self.status(s)
        self.assertExit(r, 0)
        self.assertEqual(r.one_json()["file_mode"], "0400")

    def test_group_readable_file_is_flagged(self):
        s = self.path("g.session")
        self.login_scripted(s, e.BOB_PHONE, e.BOB_CODE)
        os.chmod(s, 0o644)
        r = self.status(s, offline=True)
        self.assertEqual(r.one_json()["file_mode"], "0644")
        self.assertTrue(re.search(r"readable by other users", r.stderr), r.stderr)


if __name__ == "__main__":
    e.main()
