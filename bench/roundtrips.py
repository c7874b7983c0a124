#!/usr/bin/python3
"""Counts the network round trips of tgsession's main jobs from wall time.

Starts tgsession-testdc twice, with --latency-ms 0 and with --latency-ms N (every server
packet is delayed by N ms), runs each job against both and reports
    round trips = (median wall time at N ms - median wall time at 0 ms) / N ms
so process start-up, key generation and disk writes cancel out. Targets (issues 4 and 9): user
login with 2FA <= 6 (account.getPassword rides behind auth.signIn), without 2FA <= 5, a
re-login on a future auth token (after `revoke`, no code) <= 4, bot login <= 4, online
status <= 1.

usage: bench/roundtrips.py --tgsession PATH --testdc PATH [--latency-ms 100] [--runs 3]
Prints a table; exits 0 (this is a measurement, not a test) unless a job fails.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
import e2e_support as e  # noqa: E402  (accounts, secrets and the TestDC process wrapper)

TARGETS = [("user login with 2FA", 6), ("user login without 2FA", 5),
           ("future-token re-login", 4), ("bot login", 4), ("online status", 1)]


class Bench:
    def __init__(self, tgsession, workdir, latency_ms):
        self.tgsession = tgsession
        self.workdir = workdir
        os.makedirs(workdir)
        self.dc = e.TestDC(workdir, "--latency-ms", str(latency_ms))
        self.counter = 0
        self.pw_file = os.path.join(workdir, "pw.txt")
        with open(self.pw_file, "w") as f:
            f.write(e.ANN_PASSWORD + "\n")
        self.token_file = os.path.join(workdir, "token.txt")
        with open(self.token_file, "w") as f:
            f.write(e.BOT_TOKEN + "\n")
        self.status_session = None

    def env(self):
        return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": self.workdir,
                "XDG_STATE_HOME": os.path.join(self.workdir, "state"),
                "XDG_CONFIG_HOME": os.path.join(self.workdir, "config"),
                "TG_API_ID": e.API_ID, "TG_API_HASH": e.API_HASH, "NO_COLOR": "1"}

    def timed(self, *args):
        argv = [self.tgsession, "--server-config", self.dc.config_path, "--json", "-q"] + list(args)
        start = time.monotonic()
        p = subprocess.run(argv, env=self.env(), stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=120)
        took = time.monotonic() - start
        if p.returncode != 0:
            raise SystemExit("tgsession %s failed (%d): %s" % (" ".join(args), p.returncode,
                                                              p.stderr.decode()))
        return took

    def fresh(self):
        self.counter += 1
        return os.path.join(self.workdir, "s%d.session" % self.counter)

    def job(self, name):
        if name == "user login with 2FA":
            return self.timed("login", self.fresh(), "--phone", e.ANN_PHONE, "--code", e.ANN_CODE,
                              "--password-file", self.pw_file)
        if name == "user login without 2FA":
            return self.timed("login", self.fresh(), "--phone", e.DAN_PHONE, "--code", e.DAN_CODE)
        if name == "future-token re-login":
            # Untimed: a login and a logout leave a future auth token for the number.
            s = self.fresh()
            self.timed("login", s, "--phone", e.DAN_PHONE, "--code", e.DAN_CODE)
            self.timed("revoke", s)
            return self.timed("login", s, "--phone", e.DAN_PHONE)
        if name == "bot login":
            return self.timed("bot-login", self.fresh(), "--token-file", self.token_file)
        if name == "online status":
            if self.status_session is None:
                self.status_session = self.fresh()
                self.timed("bot-login", self.status_session, "--token-file", self.token_file)
            return self.timed("status", self.status_session)
        raise ValueError(name)

    def stop(self):
        self.dc.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tgsession", required=True)
    ap.add_argument("--testdc", required=True)
    ap.add_argument("--latency-ms", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    e.TESTDC = args.testdc
    tmp = tempfile.mkdtemp(prefix="tgs-roundtrips-")
    try:
        base = Bench(args.tgsession, os.path.join(tmp, "base"), 0)
        slow = Bench(args.tgsession, os.path.join(tmp, "slow"), args.latency_ms)
        print("%-24s %9s %9s %7s %7s" % ("job", "0 ms", "%d ms" % args.latency_ms, "trips",
                                          "target"))
        over = False
        for name, target in TARGETS:
            t0 = statistics.median(base.job(name) for _ in range(args.runs))
            t1 = statistics.median(slow.job(name) for _ in range(args.runs))
            trips = (t1 - t0) * 1000.0 / args.latency_ms
            ok = round(trips) <= target
            over = over or not ok
            print("%-24s %8.3fs %8.3fs %7.1f %5s %s" % (name, t0, t1, trips, "<=%d" % target,
                                                       "ok" if ok else "OVER"))
        base.stop()
        slow.stop()
        if over:
            print("some jobs take more round trips than their target")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if e._KEY_DIR:
            shutil.rmtree(e._KEY_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
