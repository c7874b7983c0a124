"""Many sessions at once through a store: a store without tgsession's tables (a mistyped
table_prefix= or database) is an error naming what was looked for, never an empty fleet (a
store whose tables hold no session is one); `convert DIR STORE` converts every file it can,
reports each refused one and exits with the first refusal's code."""
import os

import pg_server
import pg_support as p
from pg_support import e


class StoreFleetInputs(p.PgTestCase):
    def assertNoTables(self, result, url, prefix, db=pg_server.DBNAME):
        self.assertExit(result, 66)
        (j,) = result.json_lines()
        self.assertEqual((j["session"], j["state"], j["reason"]),
                         (url, "error", "SESSION_NOT_FOUND"), result)
        for said in ('no table "%ssessions"' % prefix, "table_prefix=%s" % prefix,
                     "in database %s" % db):
            self.assertIn(said, j["message"])

    def test_a_store_without_tables_is_an_error_not_an_empty_fleet(self):
        typo = self.url(prefix=self.prefix + "typo_")
        for offline in (True, False):
            self.assertNoTables(self.status(typo, offline=offline), typo, self.prefix + "typo_")
        # A database that exists but was never a store (the wrong one named).
        other = self.url(db="postgres")
        self.assertNoTables(self.status(other, offline=True), other, self.prefix, db="postgres")

        # Among other inputs it is one result in its place; the others are still checked.
        f = self.path("f.session")
        self.bot_login(f)
        st = self.run_tgs("status", "--offline", "--keep-order", f, typo)
        self.assertExit(st, 66)
        self.assertEqual([(j["session"], j["state"]) for j in st.json_lines()],
                         [(f, "has_key"), (typo, "error")])
        self.assertIn("1 error (1 SESSION_NOT_FOUND)", st.stderr)

        # convert lists a store the same way: refused, and nothing made for it.
        out = self.path("out")
        cv = self.run_tgs("convert", typo, out)
        self.assertExit(cv, 66)
        self.assertIn('no table "%stypo_sessions"' % self.prefix, cv.stderr)
        self.assertFalse(os.path.exists(out))
        # Nothing was created in the store either (status and convert only read it).
        self.assertEqual(self.sql("SELECT count(*) FROM information_schema.tables "
                                  "WHERE table_name LIKE '%stypo_%%'" % self.prefix), [(0,)])

    def test_a_store_with_tables_but_no_session_is_an_empty_fleet(self):
        self.bot_login(self.url("gone"))
        self.sql('DELETE FROM "%ssessions"' % self.prefix)
        for offline in (True, False):
            st = self.status(self.url(), offline=offline)
            self.assertExit(st, 0)
            self.assertEqual(st.json_lines(), [])
        out = self.path("out")
        self.assertExit(self.run_tgs("convert", self.url(), out), 0)
        self.assertEqual(os.listdir(out), [])

    def test_convert_folder_into_the_store_goes_past_refused_files(self):
        fleet = self.path("fleet")
        os.mkdir(fleet)
        self.bot_login(os.path.join(fleet, "a.session"))
        with open(os.path.join(fleet, "b.session"), "wb") as f:
            f.write(b"SQLite format 3\x00" + os.urandom(2000))  # corrupt
        self.login_scripted(os.path.join(fleet, "c.session"), e.BOB_PHONE, e.BOB_CODE)
        self.login_scripted(os.path.join(fleet, "d.session"), e.CAT_PHONE, e.CAT_CODE)
        self.bot_login(self.url("c"))  # c is in the store already: kept without --force
        kept = self.sql('SELECT * FROM "%ssessions" ORDER BY 1, 2' % self.prefix)

        cv = self.run_tgs("convert", fleet, self.url())
        self.assertExit(cv, 65)
        self.assertEqual([(os.path.basename(j["source"]), j["ok"]) for j in cv.json_lines()],
                         [("a.session", True), ("b.session", False), ("c.session", False),
                          ("d.session", True)], cv)
        self.assertIn("convert: 2 converted, 2 refused (1 SESSION_CORRUPT, "
                      "1 SESSION_WRITE_FAILED)", cv.stderr)
        names = self.sql('SELECT DISTINCT session_id FROM "%ssessions" ORDER BY 1' % self.prefix)
        self.assertEqual([n for (n,) in names], ["a", "c", "d"])
        self.assertEqual([r for r in self.sql('SELECT * FROM "%ssessions" WHERE session_id = '
                                              "'c' ORDER BY 1, 2" % self.prefix)],
                         [r for r in kept if r[0] == "c"])

        # A store out of reach refuses every file the same way: the run stops at the first.
        down = "postgresql://%s@127.0.0.1:1/tgs" % pg_server.ADMIN_USER
        cv = self.run_tgs("convert", fleet, down)
        self.assertExit(cv, 69)
        self.assertEqual(len(cv.json_lines()), 1, cv)  # the one error, printed once
        self.assertIn("convert: 0 converted, 0 refused; stopped at SESSION_STORE_UNAVAILABLE",
                      cv.stderr)


if __name__ == "__main__":
    p.main()
