"""Many sessions at once through a store: a store without tgsession's tables (a mistyped
table_prefix= or database) is an error naming what was looked for, never an empty fleet (a
store whose tables hold no session is one)."""
import os

import pg_server
import pg_support as p


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


if __name__ == "__main__":
    p.main()
