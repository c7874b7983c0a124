"""10,000 sessions in a PostgreSQL store, checked by one `tgsession status postgresql://…/db`
(no session=: every session in the store) on issue 8's fleet path (one io_context, --jobs in
flight), online against the test DC and offline. The rows are seeded with COPY and the test DC
starts with their keys already registered (fleet_support.write_state), so the checks are real
MTProto with real keys; the rate is printed, never asserted tightly (CI machines vary)."""
import io
import os
import time
import urllib.parse

import pg_support as p
from pg_support import e
import fleet_support as fs  # tests/e2e, on the path through pg_support

N = 10_000


def session_name(url):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["session"][0]


class StoreFleet(p.PgTestCase, fs.FleetTestCase):
    def seed(self, keys):
        conn = self.server.connect()
        cur = conn.cursor()
        sessions, entities, states = io.StringIO(), io.StringIO(), io.StringIO()
        for i, key in enumerate(keys):
            sid = "w%05d" % i
            u = fs.user_for(i)
            sessions.write("%s\t2\t127.0.0.1\t443\t\\\\x%s\n" % (sid, key.hex()))
            entities.write("%s\t%d\t%d\t%s\t%s\tFleet %s\n"
                           % (sid, u["id"], u["access_hash"], u["username"], u["phone"],
                              u["last_name"]))
            states.write("%s\t0\t1\t0\t1700000000\t1\t0\n" % sid)
        for table, data in (("sessions", sessions), ("entities", entities),
                            ("update_state", states)):
            data.seek(0)
            cur.copy_expert('COPY "%s%s" FROM STDIN' % (self.prefix, table), data)
        conn.close()

    def test_10000_sessions_in_the_store(self):
        store = self.url()
        # tgsession creates the tables (its first write); the fleet goes in with COPY.
        self.bot_login(self.url("zz-bot"))
        keys = [os.urandom(256) for _ in range(N)]
        self.seed(keys)
        state = self.path("testdc-state.json")
        fs.write_state(state, [(k, fs.user_for(i)) for i, k in enumerate(keys)])
        dc = self.start_dc("--state", state)

        started = time.monotonic()
        rc, results, err, rss = self.run_measured(["status", store], dc, nofile=1024)
        elapsed = time.monotonic() - started
        self.assertEqual(rc, 1, err[-2000:])  # the bot's key is unknown to this second DC
        self.assertEqual(len(results), N + 1, "one result per session in the store")
        by = {session_name(r["session"]): r for r in results}
        for i in range(0, N, 997):
            r = by["w%05d" % i]
            self.assertEqual((r["state"], r["user_id"]), ("authorized", fs.user_for(i)["id"]), r)
        self.assertEqual(sum(r["state"] == "authorized" for r in results), N)
        self.assertFalse([r for r in results if r["state"] == "error"])
        print("\n%d sessions online from PostgreSQL: %.2f s, %.0f checks/s, peak RSS %d MiB"
              % (N, elapsed, N / elapsed, rss // 1024))

        started = time.monotonic()
        rc, results, err, rss = self.run_measured(["status", "--offline", store], dc)
        elapsed = time.monotonic() - started
        self.assertEqual(rc, 0, err[-2000:])
        self.assertEqual(sum(r["state"] == "has_key" for r in results), N + 1)
        print("%d sessions offline from PostgreSQL: %.2f s, %.0f/s, peak RSS %d MiB"
              % (N + 1, elapsed, (N + 1) / elapsed, rss // 1024))


if __name__ == "__main__":
    p.main()
