"""A session tgsession wrote to the PostgreSQL store, read back by others: the rows and column
types with psycopg2 (Debian python3-psycopg2), as telethon-session-sqlalchemy declares them; and
Telethon 1.25.1 (Debian) through a minimal MemorySession subclass that loads the rows, connected
to the test DC with that auth key (get_me is the account tgsession logged in). Labels
`postgres` and `interop`."""
import json
import os
import subprocess

import pg_server
import pg_support as p
from pg_support import e

# Runs under /usr/bin/python3. A minimal store-backed Telethon session: loads the sessions row
# and the entity rows of one session_id, as the package's AlchemySession does.
TELETHON_FROM_STORE = r"""
import asyncio, json, os, sys
import psycopg2
from telethon import TelegramClient
from telethon.crypto import AuthKey
from telethon.sessions import MemorySession

port, prefix, sid, api_id, api_hash = sys.argv[1:6]
password = os.environ["PGPASSWORD"]  # never on argv, where ps shows it

class StoreSession(MemorySession):
    def __init__(self):
        super().__init__()
        db = psycopg2.connect(host="127.0.0.1", port=int(port), user="%(user)s",
                              password=password, dbname="%(db)s")
        cur = db.cursor()
        cur.execute('SELECT dc_id, server_address, port, auth_key FROM "' + prefix +
                    'sessions" WHERE session_id = %%s', (sid,))
        dc_id, address, dc_port, key = cur.fetchone()
        self.set_dc(dc_id, address, dc_port)
        self.auth_key = AuthKey(data=bytes(key))
        cur.execute('SELECT id, hash, username, phone, name FROM "' + prefix +
                    'entities" WHERE session_id = %%s', (sid,))
        self._entities |= {(i, h, u, str(ph) if ph is not None else None, n)
                           for i, h, u, ph, n in cur.fetchall()}
        db.close()

async def main():
    c = TelegramClient(StoreSession(), int(api_id), api_hash, connection_retries=1,
                       retry_delay=0, timeout=10, request_retries=2, receive_updates=False)
    loaded = sorted(c.session._entities)  # before get_me adds its own
    await c.connect()
    me = await c.get_me()
    cached = c.session.get_input_entity(loaded[0][0]) if loaded else None
    await c.disconnect()
    print(json.dumps({"id": me.id, "bot": bool(me.bot), "dc": c.session.dc_id,
                      "cached_id": cached and cached.user_id,
                      "cached_hash": cached and cached.access_hash,
                      "hash": me.access_hash}))

asyncio.run(main())
""" % {"user": pg_server.ADMIN_USER, "db": pg_server.DBNAME}

# What telethon-session-sqlalchemy 0.2.x declares (SQLAlchemy types as PostgreSQL reports them).
EXPECTED_COLUMNS = {
    "version": [("version", "integer", "NO")],
    "sessions": [("session_id", "character varying", "NO"), ("dc_id", "integer", "NO"),
                 ("server_address", "character varying", "YES"), ("port", "integer", "YES"),
                 ("auth_key", "bytea", "YES")],
    "entities": [("session_id", "character varying", "NO"), ("id", "bigint", "NO"),
                 ("hash", "bigint", "NO"), ("username", "character varying", "YES"),
                 ("phone", "bigint", "YES"), ("name", "character varying", "YES")],
    "sent_files": [("session_id", "character varying", "NO"), ("md5_digest", "bytea", "NO"),
                   ("file_size", "integer", "NO"), ("type", "integer", "NO"),
                   ("id", "bigint", "YES"), ("hash", "bigint", "YES")],
    "update_state": [("session_id", "character varying", "NO"), ("entity_id", "bigint", "NO"),
                     ("pts", "bigint", "YES"), ("qts", "bigint", "YES"),
                     ("date", "bigint", "YES"), ("seq", "bigint", "YES"),
                     ("unread_count", "integer", "YES")],
}
EXPECTED_KEYS = {
    "version": ["version"], "sessions": ["session_id", "dc_id"], "entities": ["session_id", "id"],
    "sent_files": ["session_id", "md5_digest", "file_size", "type"],
    "update_state": ["session_id", "entity_id"],
}


class StoreInterop(p.PgTestCase):
    def telethon(self, sid):
        r = subprocess.run(["/usr/bin/python3", "-c", TELETHON_FROM_STORE, str(self.server.port),
                            self.prefix, sid, e.API_ID, e.API_HASH],
                           env=dict(os.environ, PGPASSWORD=pg_server.ADMIN_PASSWORD),
                           capture_output=True, timeout=90, cwd=self.tmp)
        self.assertEqual(r.returncode, 0, r.stderr.decode("utf-8", "replace"))
        return json.loads(r.stdout.decode().strip().splitlines()[-1])

    def test_psycopg2_reads_the_rows_and_schema(self):
        self.login_scripted(self.url("ann"), e.ANN_PHONE, e.ANN_CODE, password=e.ANN_PASSWORD)
        conn = self.server.connect()
        cur = conn.cursor()
        for table, cols in EXPECTED_COLUMNS.items():
            cur.execute("SELECT column_name, data_type, is_nullable FROM information_schema.columns"
                        " WHERE table_name = %s ORDER BY ordinal_position", (self.prefix + table,))
            self.assertEqual(cur.fetchall(), cols, table)
            cur.execute("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON "
                        "a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indisprimary"
                        " AND i.indrelid = %s::regclass ORDER BY array_position(i.indkey, a.attnum)",
                        ('"%s%s"' % (self.prefix, table),))
            self.assertEqual([r[0] for r in cur.fetchall()], EXPECTED_KEYS[table], table)
        cur.execute('SELECT dc_id, server_address, port, auth_key FROM "%ssessions" '
                    "WHERE session_id = 'ann'" % self.prefix)
        dc_id, address, port, key = cur.fetchone()
        self.assertEqual((dc_id, address, port), (2, "127.0.0.1", self.dc.ports[2]))
        self.assertEqual(len(bytes(key)), 256)
        st = self.status(self.url("ann"), offline=True).one_json()
        import hashlib
        key_id = hashlib.sha1(bytes(key)).digest()[12:20].hex()
        self.assertEqual(st["auth_key_id"], key_id)
        cur.execute('SELECT id, username, phone, name FROM "%sentities" WHERE session_id = %%s'
                    % self.prefix, ("ann",))
        self.assertEqual(cur.fetchall(),
                         [(e.USER_IDS[e.ANN_PHONE], "ann", int(e.ANN_PHONE), "Ann Lee")])
        conn.close()

    def test_telethon_uses_a_session_from_the_store(self):
        self.login_scripted(self.url("cat"), e.CAT_PHONE, e.CAT_CODE)  # homed on DC 3
        got = self.telethon("cat")
        self.assertEqual(got["id"], e.USER_IDS[e.CAT_PHONE])
        self.assertEqual(got["dc"], 3)
        self.assertEqual((got["cached_id"], got["cached_hash"]), (got["id"], got["hash"]))

        self.bot_login(self.url("bot"))
        got = self.telethon("bot")
        self.assertEqual(got["id"], e.BOT_ID)
        self.assertTrue(got["bot"])


if __name__ == "__main__":
    p.main()
