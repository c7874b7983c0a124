"""Leases on sessions in the PostgreSQL store: a second tgsession is refused (73, naming the
holder) or waits with --wait; a holder killed with SIGKILL lets go at once (the server ends its
backend); and the documented key lets a worker in another language (here Python + psycopg2)
see and take the same lease."""
import hashlib
import signal
import subprocess
import time
import urllib.parse

import pg_support as p
from pg_support import e

CODE_PROMPT = r"Login code \(or 'r' to resend\): "


def lease_key(prefix, session):
    """docs/postgres-store.md: SHA-256 of "tgsession-lease:<prefix>:<session>", first 8 bytes,
    big-endian, signed."""
    digest = hashlib.sha256(("tgsession-lease:%s:%s" % (prefix, session)).encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def session_name(url):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["session"][0]


class StoreLeases(p.PgTestCase):
    def hold_at_code_prompt(self, url):
        """A tgsession login waiting for its code: it holds the lease."""
        first = self.spawn_tty("login", url)
        first.expect(r"Phone number or bot token: ")
        first.send_line("+" + e.BOB_PHONE)
        first.expect(CODE_PROMPT)
        return first

    def test_second_process_refused_then_waiting(self):
        u = self.url("shared")
        first = self.hold_at_code_prompt(u)
        second = self.run_tgs("login", u, "--phone", e.DAN_PHONE, "--code", e.DAN_CODE)
        self.assertExit(second, 73)
        self.assertIn("PID %d" % first.proc.pid, second.stderr)
        self.assertEqual(second.one_json()["ok"], False)

        # With --wait the next one queues behind the holder and runs when it is done.
        waiting = subprocess.Popen(
            [e.TGSESSION] + self.global_args() + ["--wait", "30", "revoke", u],
            env=self.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=self.tmp)
        time.sleep(1.0)
        self.assertIsNone(waiting.poll(), "revoke did not wait for the lease")
        first.send_line(e.BOB_CODE)
        first.expect(r"Logged in")
        self.assertEqual(first.wait(), 0, first.transcript)
        first.transcript = first.transcript.replace(e.BOB_CODE, "<typed code>")
        out, err = waiting.communicate(timeout=60)
        self.outputs += [out.decode(), err.decode()]
        self.assertEqual(waiting.returncode, 0, err.decode())
        st = self.status(u, offline=True)
        self.assertExit(st, 1)  # logged out by the revoke that waited
        self.assertEqual(st.one_json()["reason"], "no_key")

    def test_killed_holder_releases_the_lease(self):
        u = self.url("crash")
        first = self.hold_at_code_prompt(u)
        self.assertExit(self.run_tgs("login", u, "--phone", e.DAN_PHONE, "--code", e.DAN_CODE),
                        73)
        first.proc.send_signal(signal.SIGKILL)
        first.proc.wait()
        started = time.time()
        r = self.run_tgs("--wait", "10", "login", u, "--phone", e.DAN_PHONE, "--code", e.DAN_CODE)
        self.assertExit(r, 0)
        self.assertLess(time.time() - started, 8)
        self.assertEqual(r.one_json()["user"]["id"], e.USER_IDS[e.DAN_PHONE])

    def test_workers_in_other_languages_share_the_lease(self):
        u = self.url("py")
        key = lease_key(self.prefix, "py")
        # The SQL form of the key in the docs gives the same number.
        (sql_key,) = self.sql(
            "SELECT ('x' || left(encode(sha256(convert_to('tgsession-lease:' || '%s' || ':' || "
            "'py', 'UTF8')), 'hex'), 16))::bit(64)::bigint" % self.prefix)[0]
        self.assertEqual(sql_key, key)

        first = self.hold_at_code_prompt(u)
        worker = self.server.connect()
        cur = worker.cursor()
        cur.execute("SET application_name = 'py-worker-7'")
        cur.execute("SELECT pg_try_advisory_lock(%s)", (key,))
        self.assertFalse(cur.fetchone()[0], "tgsession's lease is not the documented key")
        first.proc.send_signal(signal.SIGKILL)
        first.proc.wait()
        deadline = time.time() + 10
        got = False
        while not got and time.time() < deadline:
            cur.execute("SELECT pg_try_advisory_lock(%s)", (key,))
            got = cur.fetchone()[0]
            time.sleep(0.05)
        self.assertTrue(got)
        # Now the Python worker holds it: tgsession is refused and names it.
        r = self.run_tgs("login", u, "--phone", e.DAN_PHONE, "--code", e.DAN_CODE)
        self.assertExit(r, 73)
        self.assertIn("py-worker-7", r.stderr)
        worker.close()  # the worker ends: the lease is free
        self.assertExit(
            self.run_tgs("--wait", "10", "login", u, "--phone", e.DAN_PHONE, "--code",
                         e.DAN_CODE), 0)

    def test_online_status_takes_the_lease_offline_only_reads(self):
        """An online check uses the key, so it leases the session for its request: a session a
        worker holds is reported SESSION_LOCKED naming the worker (73), the others are checked.
        --offline only reads the rows: the held session is read like the rest."""
        self.bot_login(self.url("free"))
        self.bot_login(self.url("held"))
        worker = self.server.connect()
        cur = worker.cursor()
        cur.execute("SET application_name = 'py-worker-9'")
        cur.execute("SELECT pg_try_advisory_lock(%s)", (lease_key(self.prefix, "held"),))
        self.assertTrue(cur.fetchone()[0])

        st = self.status(self.url())
        self.assertExit(st, 73)
        by = {session_name(r["session"]): r for r in st.json_lines()}
        self.assertEqual(sorted(by), ["free", "held"])
        self.assertEqual(by["free"]["state"], "authorized")
        self.assertEqual((by["held"]["state"], by["held"]["reason"]),
                         ("error", "SESSION_LOCKED"), by["held"])
        self.assertIn("py-worker-9", by["held"]["message"])

        off = self.status(self.url(), offline=True)
        self.assertExit(off, 0)
        self.assertEqual([r["state"] for r in off.json_lines()], ["has_key", "has_key"])

        # The status runs gave their leases back: the worker's is the only one, and once the
        # worker lets go the session is checked.
        (n,) = self.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")[0]
        self.assertEqual(n, 1)
        worker.close()
        st = self.status(self.url("held"))
        self.assertExit(st, 0)
        self.assertEqual(st.one_json()["state"], "authorized")

    def test_revoke_list_and_others_take_the_lease(self):
        """revoke --list/--others/--hash use the key without writing the session: they lease it
        all the same, so a worker holding it is never joined by a second user of its key."""
        u = self.url("rv")
        self.login_scripted(u, e.DAN_PHONE, e.DAN_CODE)
        worker = self.server.connect()
        cur = worker.cursor()
        cur.execute("SET application_name = 'py-worker-4'")
        cur.execute("SELECT pg_try_advisory_lock(%s)", (lease_key(self.prefix, "rv"),))
        self.assertTrue(cur.fetchone()[0])
        for action in (["--list"], ["--others"], ["--hash", "12345"]):
            r = self.run_tgs("revoke", u, *action)
            self.assertExit(r, 73)
            self.assertIn("py-worker-4", r.stderr)
        worker.close()
        r = self.run_tgs("revoke", u, "--list")
        self.assertExit(r, 0)
        self.assertEqual(self.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"),
                         [(0,)])


if __name__ == "__main__":
    p.main()
