"""login, bot-login, status, revoke, export/import and convert through a PostgreSQL store
(postgresql://…?session=NAME), the schema created when missing and refused when it differs,
and the database password never printed."""
import os
import socket

import pg_server
import pg_support as p
from pg_support import e
import fleet_support as fs  # tests/e2e, on the path through pg_support


class StoreRoundTrip(p.PgTestCase):
    def rows(self, table, session):
        return self.sql("SELECT * FROM \"%s%s\" WHERE session_id = '%s' ORDER BY 2"
                        % (self.prefix, table, session))

    def test_login_status_revoke(self):
        u = self.url("bob")
        got = self.login_scripted(u, e.BOB_PHONE, e.BOB_CODE)
        self.assertEqual(got["user"]["id"], e.USER_IDS[e.BOB_PHONE])
        self.assertEqual(got["session"], u)
        (row,) = self.rows("sessions", "bob")
        self.assertEqual(row[1:4], (1, "127.0.0.1", self.dc.ports[1]))
        self.assertEqual(len(bytes(row[4])), 256)
        # The self user as Telethon's entity row; the account's update state as row 0.
        (ent,) = self.rows("entities", "bob")
        self.assertEqual((ent[1], ent[3], ent[4], ent[5]),
                         (e.USER_IDS[e.BOB_PHONE], "bob", int(e.BOB_PHONE), "Bob"))
        self.assertEqual([r[1] for r in self.rows("update_state", "bob")], [0])

        st = self.status(u)
        self.assertExit(st, 0)
        self.assertEqual(st.one_json()["state"], "authorized")
        self.assertEqual(st.one_json()["format"], "telethon-sqlalchemy")
        off = self.status(u, offline=True)
        self.assertExit(off, 0)
        self.assertEqual(off.one_json()["user_id"], e.USER_IDS[e.BOB_PHONE])

        # A second login on an authorized session needs --force, as with files.
        again = self.run_tgs("login", u, "--phone", e.BOB_PHONE, "--code", e.BOB_CODE)
        self.assertNotEqual(again.returncode, 0)

        rv = self.run_tgs("revoke", u)
        self.assertExit(rv, 0)
        (row,) = self.rows("sessions", "bob")
        self.assertEqual(bytes(row[4]), b"")  # kept without its key, as Telethon writes it
        st = self.status(u, offline=True)
        self.assertExit(st, 1)
        self.assertEqual(st.one_json()["reason"], "no_key")

        self.login_scripted(u, e.BOB_PHONE, e.BOB_CODE)
        rv = self.run_tgs("revoke", u, "--delete")
        self.assertExit(rv, 0)
        for t in ("sessions", "entities", "update_state"):
            self.assertEqual(self.rows(t, "bob"), [])
        self.assertExit(self.status(u, offline=True), 66)

    def test_bot_login_and_sessions_side_by_side(self):
        self.bot_login(self.url("bot"))
        self.login_scripted(self.url("cat"), e.CAT_PHONE, e.CAT_CODE)  # migrates to DC 3
        st = self.status(self.url("bot"), self.url("cat"))
        self.assertExit(st, 0)
        got = {j["session"]: j for j in st.json_lines()}
        self.assertTrue(got[self.url("bot")]["bot"])
        self.assertEqual(got[self.url("cat")]["dc_id"], 3)
        # The store without session=: every session in it, each under its own location.
        whole = self.status(self.url())
        self.assertExit(whole, 0)
        self.assertEqual(sorted(j["session"] for j in whole.json_lines()),
                         [self.url() + "&session=bot", self.url() + "&session=cat"])
        self.assertTrue(all(j["state"] == "authorized" for j in whole.json_lines()))
        # A store with no tables is not an empty fleet (test_store_fleet_inputs).
        none = self.status(self.url(prefix=self.prefix + "none_"), offline=True)
        self.assertExit(none, 66)
        self.assertEqual(none.one_json()["reason"], "SESSION_NOT_FOUND")

    def test_whole_store_among_other_inputs(self):
        # A store without session= stands for its sessions, by name, where it was given; what
        # comes before and after it keeps its place (--keep-order: input order). A store with
        # no tables is one error in its place; b, named again after its store, is checked once.
        self.bot_login(self.url("c"))
        self.bot_login(self.url("b"))
        f = self.path("f.session")
        self.bot_login(f)
        st = self.run_tgs("status", "--offline", "--keep-order", f, self.url(), self.url("b"),
                          self.url(prefix=self.prefix + "none_"), f + "x")
        self.assertExit(st, 66)  # f.sessionx is missing
        self.assertEqual([j["session"] for j in st.json_lines()],
                         [f, self.url() + "&session=b", self.url() + "&session=c",
                          self.url(prefix=self.prefix + "none_"), f + "x"])
        self.assertEqual([j["state"] for j in st.json_lines()], ["has_key"] * 3 + ["error"] * 2)

    def test_whole_store_listed_under_an_idle_transaction_timeout(self):
        # The listing keeps one snapshot (a transaction) open while the checks go on; a server
        # that ends transactions idle for long (idle_in_transaction_session_timeout, as managed
        # PostgreSQL services set it) must not end the listing half-way.
        self.bot_login(self.url("zz-bot"))
        self.server.copy_fleet(self.prefix, [os.urandom(256) for _ in range(1000)],
                               fs.user_for, "m%04d")
        role = "ALTER ROLE %s " % pg_server.ADMIN_USER
        self.sql(role + "SET idle_in_transaction_session_timeout = '1ms'")
        try:
            st = self.status(self.url(), offline=True)
        finally:
            self.sql(role + "RESET idle_in_transaction_session_timeout")
        self.assertExit(st, 0)
        self.assertEqual([j["state"] for j in st.json_lines()], ["has_key"] * 1001)

    def test_one_session_named_twice_is_checked_once(self):
        # Two spellings of one location are one session (database, prefix and name compared,
        # not the text): checked once, where it was named first.
        self.bot_login(self.url("bot"))
        other = self.url() + "&session=bot"  # url("bot") puts session= first
        for offline in (True, False):
            st = self.status(self.url("bot"), other, offline=offline)
            self.assertExit(st, 0)
            self.assertEqual([(j["session"], j["state"]) for j in st.json_lines()],
                             [(self.url("bot"), "has_key" if offline else "authorized")], st)

    def test_convert_file_store_file_and_folders(self):
        f = self.path("ann.session")
        self.login_scripted(f, e.ANN_PHONE, e.ANN_CODE, password=e.ANN_PASSWORD)
        cv = self.run_tgs("convert", f, self.url("ann"))
        self.assertExit(cv, 0)
        self.assertEqual(cv.one_json()["to"], "telethon")
        back = self.path("back.session")
        self.assertExit(self.run_tgs("convert", self.url("ann"), back), 0)
        a = self.status(f, offline=True).one_json()
        b = self.status(back, offline=True).one_json()
        for k in ("auth_key_id", "dc_id", "port", "user_id", "username"):
            self.assertEqual(a[k], b[k], k)
        self.assertExit(self.status(self.url("ann")), 0)

        # A folder into the store and back: every session under its own name.
        folder = self.path("fleet")
        os.mkdir(folder)
        self.login_scripted(os.path.join(folder, "bob.session"), e.BOB_PHONE, e.BOB_CODE)
        self.bot_login(os.path.join(folder, "bot.session"))
        store = self.url(prefix=self.prefix + "f_")
        cv = self.run_tgs("convert", folder, store)
        self.assertExit(cv, 0)
        self.assertEqual(len(cv.json_lines()), 2)
        out = self.path("out")
        self.assertExit(self.run_tgs("convert", store, out), 0)
        self.assertEqual(sorted(os.listdir(out)), ["bob.session", "bot.session"])
        self.assertExit(self.status(os.path.join(out, "bot.session")), 0)

        # An existing session is not replaced without --force.
        self.assertExit(self.run_tgs("convert", f, self.url("ann")), 73)

    def test_a_failed_write_leaves_the_old_session(self):
        # A session is written in one transaction: when a statement late in it fails (here a
        # trigger refuses the entity row, after the sessions and update_state rows were
        # replaced), nothing of the new session is left and the old one is whole.
        self.bot_login(self.url("tx"))
        before = {t: self.rows(t, "tx") for t in ("sessions", "entities", "update_state")}
        f = self.path("bob.session")
        self.login_scripted(f, e.BOB_PHONE, e.BOB_CODE)
        self.sql("CREATE FUNCTION %sno_entities() RETURNS trigger LANGUAGE plpgsql AS "
                 "$$BEGIN RAISE EXCEPTION 'entities refused by the test'; END$$" % self.prefix)
        self.sql('CREATE TRIGGER refuse BEFORE INSERT ON "%sentities" FOR EACH ROW EXECUTE '
                 "FUNCTION %sno_entities()" % (self.prefix, self.prefix))
        r = self.run_tgs("convert", f, self.url("tx"), "--force")
        self.assertExit(r, 69)
        self.assertIn("entities refused by the test", r.stderr)
        after = {t: self.rows(t, "tx") for t in before}
        self.assertEqual(after, before)
        self.sql('DROP TRIGGER refuse ON "%sentities"' % self.prefix)
        self.assertExit(self.run_tgs("convert", f, self.url("tx"), "--force"), 0)
        self.assertEqual(self.status(self.url("tx"), offline=True).one_json()["auth_key_id"],
                         self.status(f, offline=True).one_json()["auth_key_id"])

    def test_convert_to_a_folder_never_writes_outside_it(self):
        # A session id in a shared store may hold anything: "../x" or "/x" as a file name would
        # put the file outside the folder. Refused, naming the session; nothing written.
        self.bot_login(self.url("ok"))
        for bad in ("../evil", "/tmp/tgs-evil-%d" % os.getpid()):
            self.sql("INSERT INTO \"%ssessions\" SELECT '%s', dc_id, server_address, port, "
                     "auth_key FROM \"%ssessions\" WHERE session_id = 'ok'"
                     % (self.prefix, bad, self.prefix))
            out = self.path("out")
            os.makedirs(out, exist_ok=True)
            r = self.run_tgs("convert", self.url(), out)
            self.assertExit(r, 73)
            self.assertIn('a session named "%s" cannot be a file in' % bad, r.stderr)
            self.assertFalse(os.path.exists(self.path("evil.session")))
            self.assertFalse(os.path.exists(bad + ".session"))
            self.sql("DELETE FROM \"%ssessions\" WHERE session_id = '%s'" % (self.prefix, bad))

    def test_export_import(self):
        self.login_scripted(self.url("dan"), e.DAN_PHONE, e.DAN_CODE)
        ex = self.run_tgs("export", self.url("dan"), "--to", "telethon-string", json_out=False)
        self.assertExit(ex, 0)
        text = ex.stdout.strip()
        e.SECRETS.append(text)
        try:
            im = self.run_tgs("import", "-", self.url("dan2"), stdin_data=text + "\n")
            self.assertExit(im, 0)
            st = self.status(self.url("dan2"))
            self.assertExit(st, 0)
            self.assertEqual(st.one_json()["state"], "authorized")
        finally:
            e.SECRETS.remove(text)

    def test_password_sources_and_never_printed(self):
        # In the URL: accepted, but every printed location has it removed.
        with_pw = self.server.url("pw", prefix=self.prefix, password=True)
        r = self.run_tgs("bot-login", with_pw, "--token-file",
                         self.write_secret("token.txt", e.BOT_TOKEN), env={"PGPASSWORD": None})
        self.assertExit(r, 0)
        self.assertEqual(r.one_json()["session"], self.url("pw"))
        # Typed on argv it works, with a warning naming the safer sources (and not the password).
        self.assertIn("password in a postgresql:// URL on the command line", r.stderr)
        self.assertIn("PGPASSWORD", r.stderr)
        self.assertNotIn(pg_server.ADMIN_PASSWORD, r.stderr + r.stdout)
        # From ~/.pgpass, as libpq reads it.
        pgpass = os.path.join(self.path("home"), ".pgpass")
        with open(pgpass, "w") as f:
            f.write("127.0.0.1:%d:*:%s:%s\n" % (self.server.port, pg_server.ADMIN_USER,
                                                pg_server.ADMIN_PASSWORD))
        os.chmod(pgpass, 0o600)
        r = self.status(self.url("pw"), offline=True)
        self.assertExit(r, 0)
        self.assertNotIn("on the command line", r.stderr)
        os.unlink(pgpass)
        # None at all, or a wrong one: a clear error, no password in it.
        r = self.run_tgs("status", "--offline", self.url("pw"), env={"PGPASSWORD": None})
        self.assertExit(r, 77)
        r = self.run_tgs("status", "--offline", self.url("pw"), env={"PGPASSWORD": "nope-nope"})
        self.assertExit(r, 77)
        self.assertIn("password", r.stderr + r.stdout)
        # An unreachable server is "unavailable", not a bad session.
        dead = "postgresql://%s@127.0.0.1:1/x?session=a" % pg_server.ADMIN_USER
        self.assertExit(self.run_tgs("status", "--offline", dead), 69)

    def test_the_urls_connect_timeout_is_used(self):
        # A server that takes the connection and never answers: the URL's connect_timeout=2
        # ends the wait. It was overridden by the built-in 10 s (and the run took longer than
        # this test lets it).
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        self.addCleanup(silent.close)
        url = "postgresql://%s@127.0.0.1:%d/x?connect_timeout=2&session=a" % (
            pg_server.ADMIN_USER, silent.getsockname()[1])
        r = self.run_tgs("status", "--offline", url, timeout=9)
        self.assertExit(r, 69)
        self.assertIn("timeout", r.stdout + r.stderr)

    def test_schema_created_once_then_checked_never_altered(self):
        self.bot_login(self.url("b1"))
        tables = sorted(r[0] for r in self.sql(
            "SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%s%%'"
            % self.prefix))
        self.assertEqual(tables, sorted(self.prefix + t for t in (
            "version", "sessions", "entities", "sent_files", "update_state")))
        self.assertEqual(self.sql('SELECT version FROM "%sversion"' % self.prefix), [(2,)])

        # A store whose tables differ is refused with a clear error and left as it was.
        other = self.prefix + "x_"
        self.sql('CREATE TABLE "%ssessions" (session_id text, dc_id int)' % other)
        r = self.run_tgs("bot-login", self.url("b2", prefix=other), "--token-file",
                         self.write_secret("token.txt", e.BOT_TOKEN))
        self.assertExit(r, 65)
        self.assertIn("SESSION_STORE_SCHEMA_MISMATCH", r.stdout)
        self.assertIn("never alters", r.stderr)
        cols = self.sql("SELECT column_name FROM information_schema.columns "
                        "WHERE table_name = '%ssessions' ORDER BY 1" % other)
        self.assertEqual(cols, [("dc_id",), ("session_id",)])
        self.assertEqual(self.sql("SELECT count(*) FROM information_schema.tables "
                                  "WHERE table_name LIKE '%s%%'" % other), [(1,)])

        # The right columns without the primary keys (CREATE TABLE … LIKE copies no key): our
        # writes and the package's merges rely on them, so refused as well, the key named.
        nokey = self.prefix + "k_"
        for t in ("version", "sessions", "entities", "sent_files", "update_state"):
            self.sql('CREATE TABLE "%s%s" (LIKE "%s%s")' % (nokey, t, self.prefix, t))
        self.sql('INSERT INTO "%sversion" VALUES (2)' % nokey)
        r = self.run_tgs("bot-login", self.url("b3", prefix=nokey), "--token-file",
                         self.write_secret("token.txt", e.BOT_TOKEN))
        self.assertExit(r, 65)
        self.assertIn("%sentities has no primary key, expected (session_id, id)" % nokey,
                      r.stderr)
        self.assertEqual(self.sql('SELECT count(*) FROM "%ssessions"' % nokey), [(0,)])

        # Another schema version: refused, not upgraded.
        self.sql('UPDATE "%sversion" SET version = 3' % self.prefix)
        self.assertExit(self.status(self.url("b1"), offline=True), 65)
        self.sql('UPDATE "%sversion" SET version = 2' % self.prefix)

    def test_bad_urls_are_usage_errors(self):
        self.assertExit(self.status(self.url("a", prefix="bad;drop"), offline=True), 64)
        self.assertExit(self.run_tgs("revoke", self.url(None)), 64)


if __name__ == "__main__":
    p.main()
