"""`convert DIR DIR2`: a folder of session files where some cannot be converted (corrupt, foreign,
a destination that exists) converts every other one, reports each refused one with its reason,
ends with a summary and exits with the first refusal's code; nothing that existed is touched."""
import os
import shutil
import sqlite3

import e2e_support as e
from e2e_support import E2ETestCase, file_fingerprint


class ConvertFolder(E2ETestCase):
    def test_refused_members_are_reported_and_the_rest_converted(self):
        fleet = self.path("fleet")
        out = self.path("out")
        os.mkdir(fleet)
        os.mkdir(out)
        self.bot_login(os.path.join(fleet, "a.session"))
        with open(os.path.join(fleet, "b.session"), "wb") as f:
            f.write(os.urandom(4096))  # corrupt
        db = sqlite3.connect(os.path.join(fleet, "c.session"))  # someone else's SQLite file
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        db.commit()
        db.close()
        self.login_scripted(os.path.join(fleet, "d.session"), e.BOB_PHONE, e.BOB_CODE)
        self.login_scripted(os.path.join(fleet, "e.session"), e.CAT_PHONE, e.CAT_CODE)
        # d is already in the destination: kept without --force.
        shutil.copy(os.path.join(fleet, "a.session"), os.path.join(out, "d.session"))
        before = {p: file_fingerprint(p) for p in
                  [os.path.join(fleet, n) for n in sorted(os.listdir(fleet))] +
                  [os.path.join(out, "d.session")]}

        cv = self.run_tgs("convert", fleet, out, "--to", "telethon2")
        self.assertExit(cv, 65)  # b's, the first refusal in name order
        got = {os.path.basename(j["source"]): j for j in cv.json_lines()}
        self.assertEqual(sorted(got), ["a.session", "b.session", "c.session", "d.session",
                                       "e.session"], cv)
        self.assertTrue(got["a.session"]["ok"] and got["e.session"]["ok"])
        self.assertEqual({n: got[n]["error"]["code"] for n in ("b.session", "c.session",
                                                               "d.session")},
                         {"b.session": "SESSION_CORRUPT", "c.session": "SESSION_FOREIGN",
                          "d.session": "SESSION_WRITE_FAILED"})
        self.assertEqual(got["d.session"]["destination"], os.path.join(out, "d.session"))
        for n in ("b.session", "c.session", "d.session"):
            self.assertIn(os.path.join(fleet, n) + " not converted: ", cv.stderr)
        self.assertIn("convert: 2 converted, 3 refused (1 SESSION_CORRUPT, 1 SESSION_FOREIGN, "
                      "1 SESSION_WRITE_FAILED)", cv.stderr)

        self.assertEqual(sorted(os.listdir(out)), ["a.session", "d.session", "e.session"])
        self.assertEqual({p: file_fingerprint(p) for p in before}, before)
        for n in ("a.session", "e.session"):
            st = self.status(os.path.join(out, n), offline=True).one_json()
            self.assertEqual((st["state"], st["format"]), ("has_key", "telethon2"), n)

    def test_a_dangling_link_or_fifo_in_the_folder_is_refused_not_skipped(self):
        # `status DIR` reports such names; convert skipped them in silence and exited 0.
        fleet = self.path("fleet")
        os.mkdir(fleet)
        self.bot_login(os.path.join(fleet, "a.session"))
        os.symlink(self.path("gone.session"), os.path.join(fleet, "b.session"))
        os.mkfifo(os.path.join(fleet, "c.session"))
        cv = self.run_tgs("convert", fleet, self.path("out"), timeout=30)
        self.assertExit(cv, 66)  # b's, the first refusal in name order
        got = {os.path.basename(j["source"]): j for j in cv.json_lines()}
        self.assertEqual(sorted(got), ["a.session", "b.session", "c.session"], cv)
        self.assertTrue(got["a.session"]["ok"])
        self.assertEqual(got["b.session"]["error"]["code"], "SESSION_NOT_FOUND")
        self.assertIn("is a symbolic link to a missing file", got["b.session"]["error"]["message"])
        self.assertNotIn("session string", got["b.session"]["error"]["message"])
        self.assertEqual(got["c.session"]["error"]["code"], "SESSION_FOREIGN")
        self.assertIn("convert: 1 converted, 2 refused (1 SESSION_FOREIGN, 1 SESSION_NOT_FOUND)",
                      cv.stderr)
        self.assertNotIn("standard input", cv.stderr)  # not taken for a session string
        self.assertEqual(sorted(os.listdir(self.path("out"))), ["a.session"])

    def test_a_dangling_link_named_alone_is_a_missing_file_not_a_session_string(self):
        # It was exit 64 with advice about session strings on the command line.
        link = self.path("b.session")
        os.symlink(self.path("gone.session"), link)
        cv = self.run_tgs("convert", link, self.path("out.session"))
        self.assertExit(cv, 66)
        self.assertEqual(cv.json_lines()[0]["error"]["code"], "SESSION_NOT_FOUND")
        self.assertIn("is a symbolic link to a missing file", cv.stderr)
        self.assertNotIn("session string", cv.stderr)
        self.assertFalse(os.path.lexists(self.path("out.session")))

    def test_seal_without_a_passphrase_is_one_usage_error_before_any_member(self):
        # The passphrase was asked per member: every member refused the same way (on a
        # terminal, a prompt per member).
        fleet = self.path("fleet")
        os.mkdir(fleet)
        self.bot_login(os.path.join(fleet, "a.session"))
        shutil.copy(os.path.join(fleet, "a.session"), os.path.join(fleet, "b.session"))
        cv = self.run_tgs("convert", fleet, self.path("out"), "--seal")
        self.assertExit(cv, 64)
        self.assertEqual(len(cv.json_lines()), 1, cv)
        self.assertNotIn("not converted", cv.stderr)
        self.assertFalse(os.path.exists(self.path("out")))

    def test_all_converted_is_exit_0_with_a_summary(self):
        fleet = self.path("fleet")
        os.mkdir(fleet)
        self.bot_login(os.path.join(fleet, "a.session"))
        self.login_scripted(os.path.join(fleet, "b.session"), e.BOB_PHONE, e.BOB_CODE)
        cv = self.run_tgs("convert", fleet, self.path("out"))
        self.assertExit(cv, 0)
        self.assertEqual([j["ok"] for j in cv.json_lines()], [True, True])
        self.assertIn("convert: 2 converted, 0 refused", cv.stderr)
        # One session is a folder too: the same summary; -q leaves only the results.
        os.remove(os.path.join(fleet, "b.session"))
        cv = self.run_tgs("convert", fleet, self.path("out1"))
        self.assertExit(cv, 0)
        self.assertIn("convert: 1 converted, 0 refused\n", cv.stderr)
        cv = self.run_tgs("-q", "convert", fleet, self.path("out2"))
        self.assertExit(cv, 0)
        self.assertNotIn("convert:", cv.stderr)


if __name__ == "__main__":
    e.main()
