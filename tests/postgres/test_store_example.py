"""examples/status_fleet.cpp on a whole PostgreSQL store: the library's BatchReader used directly
(the store URL as one location, listed a page at a time; read + release, with leases), checks
on one io_context against the test DC. A session a worker holds is refused with the holder
named; the others are checked. Label `postgres`."""
import os
import subprocess
import urllib.parse

import pg_support as p
from pg_support import e
from test_store_leases import lease_key

EXAMPLE = os.environ.get("TGS_EXAMPLE_STATUS_FLEET", "")


class StoreExample(p.PgTestCase):
    def test_example_checks_a_store_with_leases(self):
        self.assertTrue(os.access(EXAMPLE, os.X_OK),
                        "TGS_EXAMPLE_STATUS_FLEET must name the built example (CTest sets it)")
        for name in ("a", "b", "held"):
            self.bot_login(self.url(name))
        worker = self.server.connect()
        cur = worker.cursor()
        cur.execute("SET application_name = 'py-worker-3'")
        cur.execute("SELECT pg_try_advisory_lock(%s)", (lease_key(self.prefix, "held"),))
        self.assertTrue(cur.fetchone()[0])

        r = subprocess.run([EXAMPLE, self.url(), self.dc.config_path], env=self.env(),
                           capture_output=True, text=True, timeout=60, cwd=self.tmp)
        self.outputs += [r.stdout, r.stderr]
        self.assertEqual(r.returncode, 0, r.stderr)
        got = {}
        for line in r.stdout.splitlines():
            location, answer = line.split(": ", 1)
            sid = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["session"][0]
            got[sid] = answer
        self.assertEqual(sorted(got), ["a", "b", "held"])
        self.assertEqual(got["a"], "authorized as %d" % e.BOT_ID)
        self.assertEqual(got["b"], "authorized as %d" % e.BOT_ID)
        self.assertTrue(got["held"].startswith("error: SESSION_LOCKED: session is in use by "),
                        got["held"])
        self.assertIn("py-worker-3", got["held"])
        # The example has exited: the worker's lease is the only advisory lock left.
        self.assertEqual(self.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"),
                         [(1,)])
        worker.close()


if __name__ == "__main__":
    p.main()
