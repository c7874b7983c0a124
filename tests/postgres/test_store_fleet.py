"""10,000 sessions in a PostgreSQL store, checked by one `tgsession status postgresql://…/db`
(no session=: every session in the store) on issue 8's fleet path (one io_context, --jobs in
flight), online against the test DC and offline. The rows are seeded with COPY and the test DC
starts with their keys already registered (fleet_support.write_state), so the checks are real
MTProto with real keys; the rate is printed, never asserted tightly (CI machines vary)."""
import os
import threading
import time
import urllib.parse

import pg_support as p
from pg_support import e
import fleet_support as fs  # tests/e2e, on the path through pg_support

N = 10_000


def session_name(url):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["session"][0]


class LeaseSampler(threading.Thread):
    """Counts, every few milliseconds while `status` runs, the advisory locks tgsession's
    backends hold: the leases of the sessions being checked."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.conn = server.connect()
        self.stop = threading.Event()
        self.most = 0
        self.samples = 0

    def run(self):
        with self.conn.cursor() as cur:
            while not self.stop.is_set():
                cur.execute("SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a "
                            "ON a.pid = l.pid WHERE l.locktype = 'advisory' "
                            "AND a.application_name LIKE 'tgsession PID %'")
                self.most = max(self.most, cur.fetchone()[0])
                self.samples += 1
                time.sleep(0.005)

    def finish(self):
        self.stop.set()
        self.join()
        self.conn.close()


class StoreFleet(p.PgTestCase, fs.FleetTestCase):
    def seed(self, keys):
        self.server.copy_fleet(self.prefix, keys, fs.user_for, "w%05d")

    def test_10000_sessions_in_the_store(self):
        store = self.url()
        # tgsession creates the tables (its first write); the fleet goes in with COPY.
        self.bot_login(self.url("zz-bot"))
        keys = [os.urandom(256) for _ in range(N)]
        self.seed(keys)
        state = self.path("testdc-state.json")
        fs.write_state(state, [(k, fs.user_for(i)) for i, k in enumerate(keys)])
        dc = self.start_dc("--state", state)

        sampler = LeaseSampler(self.server)
        sampler.start()
        started = time.monotonic()
        rc, results, err, rss = self.run_measured(["status", store], dc, nofile=1024)
        elapsed = time.monotonic() - started
        sampler.finish()
        # Each check leases its session (docs/postgres-store.md), a batch at a time, and gives
        # it back when done: some leases held during the run, never one per session.
        self.assertGreater(sampler.most, 0, "no lease seen in %d samples" % sampler.samples)
        self.assertLess(sampler.most, 1000, "leases are not given back as checks end")
        self.assertEqual(rc, 1, err[-2000:])  # the bot's key is unknown to this second DC
        self.assertEqual(len(results), N + 1, "one result per session in the store")
        by = {session_name(r["session"]): r for r in results}
        for i in range(0, N, 997):
            r = by["w%05d" % i]
            self.assertEqual((r["state"], r["user_id"]), ("authorized", fs.user_for(i)["id"]), r)
        self.assertEqual(sum(r["state"] == "authorized" for r in results), N)
        self.assertFalse([r for r in results if r["state"] == "error"])
        print("\n%d sessions online from PostgreSQL: %.2f s, %.0f checks/s, peak RSS %d MiB, "
              "at most %d leases held at once" % (N, elapsed, N / elapsed, rss // 1024,
                                                  sampler.most))

        started = time.monotonic()
        rc, results, err, rss = self.run_measured(["status", "--offline", store], dc)
        elapsed = time.monotonic() - started
        self.assertEqual(rc, 0, err[-2000:])
        self.assertEqual(sum(r["state"] == "has_key" for r in results), N + 1)
        print("%d sessions offline from PostgreSQL: %.2f s, %.0f/s, peak RSS %d MiB"
              % (N + 1, elapsed, (N + 1) / elapsed, rss // 1024))


if __name__ == "__main__":
    p.main()
