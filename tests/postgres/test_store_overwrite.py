"""Overwriting a session replaces it whole (issue 14): `convert --force`, `import --force` and a
`login --force` as another account (or one the rows cannot tell, as with a Telethon entity
cache: the self user is then unknown) leave none of the old session's rows behind (Telethon's
entity and sent-file cache, sessions rows of other DCs, channel update states), in the store and
in a .session file alike; and a write that fails half-way leaves the old session as it was."""
import os
import re
import sqlite3

import pg_support as p
from pg_support import e

TABLES = ("sessions", "entities", "sent_files", "update_state")
CACHED_ENTITY = 4242  # a contact Telethon cached for the old account
CACHED_CHANNEL = 1777000  # a channel whose update state it kept


class StoreOverwrite(p.PgTestCase):
    def rows(self, session):
        return {t: self.sql("SELECT * FROM \"%s%s\" WHERE session_id = '%s' ORDER BY 2"
                            % (self.prefix, t, session)) for t in TABLES}

    def old_session_with_cache(self, name):
        """bob logged in as store session `name`, plus the rows a Telethon worker adds."""
        self.login_scripted(self.url(name), e.BOB_PHONE, e.BOB_CODE)
        pre = self.prefix
        self.sql("INSERT INTO \"%sentities\" VALUES ('%s', %d, 99, 'carol', NULL, 'Carol')"
                 % (pre, name, CACHED_ENTITY))
        self.sql("INSERT INTO \"%ssent_files\" VALUES ('%s', '\\x00ff', 10, 1, 5, 6)"
                 % (pre, name))
        self.sql("INSERT INTO \"%ssessions\" VALUES ('%s', 4, '127.0.0.9', 443, '')"
                 % (pre, name))
        self.sql("INSERT INTO \"%supdate_state\" VALUES ('%s', %d, 7, 0, 0, 0, 0)"
                 % (pre, name, CACHED_CHANNEL))

    def assert_only(self, name, user_id, dc_id):
        got = self.rows(name)
        self.assertEqual([(r[1], len(bytes(r[4]))) for r in got["sessions"]], [(dc_id, 256)])
        self.assertEqual([r[1] for r in got["entities"]], [user_id] if user_id else [], got)
        self.assertEqual(got["sent_files"], [])
        self.assertEqual([r[1] for r in got["update_state"]], [0])

    def test_convert_force_into_the_store(self):
        self.old_session_with_cache("s")
        cat = self.path("cat.session")
        self.login_scripted(cat, e.CAT_PHONE, e.CAT_CODE)  # homed on DC 3

        # A write that fails late (the entity row refused) leaves every old row in place.
        before = self.rows("s")
        self.sql("CREATE FUNCTION %sno_entities() RETURNS trigger LANGUAGE plpgsql AS "
                 "$$BEGIN RAISE EXCEPTION 'entities refused by the test'; END$$" % self.prefix)
        self.sql('CREATE TRIGGER refuse BEFORE INSERT ON "%sentities" FOR EACH ROW EXECUTE '
                 "FUNCTION %sno_entities()" % (self.prefix, self.prefix))
        self.assertExit(self.run_tgs("convert", cat, self.url("s"), "--force"), 69)
        self.assertEqual(self.rows("s"), before)
        self.sql('DROP TRIGGER refuse ON "%sentities"' % self.prefix)

        self.assertExit(self.run_tgs("convert", cat, self.url("s"), "--force"), 0)
        self.assert_only("s", e.USER_IDS[e.CAT_PHONE], 3)
        st = self.status(self.url("s"))
        self.assertExit(st, 0)
        self.assertEqual(st.one_json()["user_id"], e.USER_IDS[e.CAT_PHONE])

    def test_import_force_into_the_store(self):
        self.old_session_with_cache("s")
        cat = self.path("cat.session")
        self.login_scripted(cat, e.CAT_PHONE, e.CAT_CODE)
        ex = self.run_tgs("export", cat, "--to", "telethon-string", json_out=False)
        self.assertExit(ex, 0)
        text = ex.stdout.strip()
        e.SECRETS.append(text)
        try:
            im = self.run_tgs("import", "-", self.url("s"), "--force", stdin_data=text + "\n")
            self.assertExit(im, 0)
        finally:
            e.SECRETS.remove(text)
        self.assert_only("s", None, 3)  # a string carries no user
        self.assertEqual(self.status(self.url("s")).one_json()["user_id"],
                         e.USER_IDS[e.CAT_PHONE])

    def test_login_force_as_another_account(self):
        self.old_session_with_cache("s")
        r = self.run_tgs("login", self.url("s"), "--phone", e.CAT_PHONE, "--code", e.CAT_CODE,
                         "--force")
        self.assertExit(r, 0)
        self.assert_only("s", e.USER_IDS[e.CAT_PHONE], 3)

    def test_a_login_the_store_refuses_is_kept(self):
        # The login succeeded, so the server has a new live authorization; when the store then
        # refuses the session (here a trigger, as a store out of reach would), its key is kept
        # in a private file instead of dying with the process, and the message says where.
        self.sql("CREATE FUNCTION %sno_entities() RETURNS trigger LANGUAGE plpgsql AS "
                 "$$BEGIN RAISE EXCEPTION 'entities refused by the test'; END$$" % self.prefix)
        self.bot_login(self.url("first"))  # makes the tables
        self.sql('CREATE TRIGGER refuse BEFORE INSERT ON "%sentities" FOR EACH ROW EXECUTE '
                 "FUNCTION %sno_entities()" % (self.prefix, self.prefix))
        r = self.run_tgs("login", self.url("s"), "--phone", e.BOB_PHONE, "--code", e.BOB_CODE)
        self.assertExit(r, 69)
        self.assertIn("entities refused by the test", r.stderr)
        m = re.search(r"the new login is kept in (\S+\.session)", r.stderr)
        self.assertIsNotNone(m, r.stderr)
        kept = m.group(1)
        self.assertTrue(kept.startswith(self.path("state")), kept)
        self.assertEqual(os.stat(kept).st_mode & 0o777, 0o600)
        self.assertEqual(os.stat(os.path.dirname(kept)).st_mode & 0o777, 0o700)
        self.assertEqual(self.rows("s")["sessions"], [])  # nothing half-written
        st = self.status(kept)
        self.assertExit(st, 0)
        self.assertEqual(st.one_json()["user_id"], e.USER_IDS[e.BOB_PHONE])
        self.sql('DROP TRIGGER refuse ON "%sentities"' % self.prefix)
        self.assertExit(self.run_tgs("convert", kept, self.url("s"), "--force"), 0)
        self.assertEqual(self.status(self.url("s")).one_json()["state"], "authorized")

    def test_convert_force_onto_a_session_file(self):
        bob = self.path("bob.session")
        self.login_scripted(bob, e.BOB_PHONE, e.BOB_CODE)
        cat = self.path("cat.session")
        self.login_scripted(cat, e.CAT_PHONE, e.CAT_CODE)
        self.assertExit(self.run_tgs("convert", cat, self.url("c")), 0)
        for src in (cat, self.url("c")):  # from a file and from the store
            db = sqlite3.connect(bob)
            db.execute("INSERT OR REPLACE INTO entities VALUES (?, 99, 'carol', NULL, 'Carol', 0)",
                       (CACHED_ENTITY,))
            db.execute("INSERT OR REPLACE INTO sent_files VALUES (x'00ff', 10, 1, 5, 6)")
            db.commit()
            db.close()
            self.assertExit(self.run_tgs("convert", src, bob, "--force"), 0)
            db = sqlite3.connect(bob)
            self.assertEqual([r[0] for r in db.execute("SELECT id FROM entities")],
                             [e.USER_IDS[e.CAT_PHONE]], src)
            self.assertEqual(db.execute("SELECT count(*) FROM sent_files").fetchone()[0], 0)
            db.close()

if __name__ == "__main__":
    p.main()
