"""Many sessions at once through a store: a store without tgsession's tables (a mistyped
table_prefix= or database) is an error naming what was looked for, never an empty fleet (a
store whose tables hold no session is one); `convert DIR STORE` converts every file it can,
reports each refused one and exits with the first refusal's code."""
import os

import pg_server
import pg_support as p
from pg_support import e
import fleet_support as fs  # tests/e2e, on the path through pg_support


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

    def checked(self, *inputs, offline=True):
        st = self.run_tgs("status", "--keep-order", *inputs, *(["--offline"] if offline else []))
        return st, [j["session"] for j in st.json_lines()]

    def test_a_session_named_alone_and_through_its_store_is_checked_once(self):
        for n in ("b", "c", "d"):
            self.bot_login(self.url(n))
        store = self.url()
        listed = {n: store + "&session=" + n for n in ("b", "c", "d")}
        other_c = store + "&session=c"  # url("c") puts session= first: one session, two URLs
        for offline in (True, False):
            # Named first: checked there, and the listing skips it.
            st, got = self.checked(self.url("c"), store, offline=offline)
            self.assertExit(st, 0)
            self.assertEqual(got, [self.url("c"), listed["b"], listed["d"]], st)
            self.assertIn("status: 3 sessions", st.stderr)
            # The store first: the session named after it is its listed one.
            st, got = self.checked(store, self.url("c"), other_c, store, offline=offline)
            self.assertEqual(got, [listed["b"], listed["c"], listed["d"]], st)
            self.assertIn("status: 3 sessions", st.stderr)
        # A session the store does not hold is still reported, before or after it.
        st, got = self.checked(self.url("zz"), store, self.url("zy"))
        self.assertExit(st, 66)
        self.assertEqual(got, [self.url("zz"), listed["b"], listed["c"], listed["d"],
                               self.url("zy")])
        # Human output and its counts, too.
        st = self.run_tgs("status", "--offline", "--keep-order", self.url("d"), store,
                          json_out=False)
        self.assertEqual([line.split(": ")[0] for line in st.stdout.splitlines()],
                         [self.url("d"), listed["b"], listed["c"]], st)
        self.assertIn("status: 3 sessions: 3 with a key", st.stderr)

    def test_one_store_in_two_spellings_of_its_connection_is_one_store(self):
        # Other libpq parameters, or another name for the host: the same database, the same
        # sessions. Each spelling counted as a store of its own (every session checked twice).
        for n in ("b", "c"):
            self.bot_login(self.url(n))
        store = self.url()
        params = store + "&connect_timeout=9&application_name=tgs-test"
        host = store.replace("@127.0.0.1:", "@localhost:")
        listed = [store + "&session=b", store + "&session=c"]
        for offline in (True, False):
            st, got = self.checked(store, params, host, offline=offline)
            self.assertExit(st, 0)
            self.assertEqual(got, listed, st)
            self.assertIn("status: 2 sessions", st.stderr)
            # A session named alone in one spelling, the store in another.
            st, got = self.checked(self.url("c"), params, offline=offline)
            self.assertEqual(got, [self.url("c"), params + "&session=b"], st)
            st, got = self.checked(params, self.url("c"), offline=offline)
            self.assertEqual(got, [params + "&session=b", params + "&session=c"], st)
        # Another prefix in the same database is another store; a spelling that cannot be
        # asked (nothing listens there) is reported on its own.
        self.bot_login(self.url("x", prefix=self.prefix + "two_"))
        down = store.replace(":%d/" % self.server.port, ":1/")
        st, got = self.checked(store, self.url(prefix=self.prefix + "two_"), down)
        self.assertExit(st, 69)
        self.assertEqual(got, listed + [self.url(prefix=self.prefix + "two_") + "&session=x",
                                        down], st)

    def test_skipped_names_across_pages_of_a_large_store(self):
        # 300 sessions: the listing's pages are 128 names; the ones named alone fall in the
        # first, the second and the last page, and in the store's first and last place.
        self.bot_login(self.url("m0000-a"))
        self.server.copy_fleet(self.prefix, [os.urandom(256) for _ in range(300)],
                               fs.user_for, "m%04d")
        alone = ["m0000", "m0127", "m0128", "m0200", "m0299"]
        st, got = self.checked(*[self.url(n) for n in alone], self.url())
        self.assertExit(st, 0)
        self.assertEqual(len(got), 301, st.stderr)
        self.assertEqual(len(set(got)), 301)
        self.assertEqual(got[:5], [self.url(n) for n in alone])
        listed = [g.rsplit("session=", 1)[1] for g in got[5:]]
        self.assertEqual(listed, sorted((set("m%04d" % i for i in range(300)) - set(alone)) |
                                        {"m0000-a"}))


if __name__ == "__main__":
    p.main()
