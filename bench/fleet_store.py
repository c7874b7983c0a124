#!/usr/bin/python3
"""`tgsession status` of a whole PostgreSQL store (issue 14) side by side with the same fleet as
session files (issue 8's path, the yardstick) in the same run: checks/s, CPU and peak RSS of
each (and of the test DC and the PostgreSQL server, per check), online against one local
tgsession-testdc under `ulimit -n 1024`, cold (no salts cached) and warm, then --offline. Not a
test: nothing here asserts but the answers.

usage: /usr/bin/python3 bench/fleet_store.py [--build DIR] [--tgsession BIN] [--sessions N]
           [--rounds R] [--wrap "CMD ARGS"]
  --wrap  runs the store's online checks under a profiler, e.g. --wrap "strace -fc -o /tmp/s"
          or --wrap "perf record -g -o /tmp/perf.data" (figures of that run are the profiler's)

The N sessions share their keys: each is a Telethon v1 file (stamped from one template) and a
row set in the store (COPY), and the test DC gets the keys through --state, so making 10,000
costs seconds. A throwaway PostgreSQL server (tests/postgres/pg_server.py, Debian's postgresql)
runs on a free port for the length of the run.
"""
import argparse
import os
import shlex
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
sys.path.insert(0, os.path.join(ROOT, "tests", "postgres"))
import fleet_status as fb  # noqa: E402  (run, loadavg, the test DC start)
import fleet_support as fleet  # noqa: E402
import pg_server  # noqa: E402

PREFIX = "bench_"


def seed_store(server, keys):
    """The sessions as telethon-session-sqlalchemy rows (tgsession made the tables)."""
    server.copy_fleet(PREFIX, keys, fleet.user_for, "s%06d")


class StoreBench(fb.Bench):
    def __init__(self, args):
        super().__init__(args)
        if args.tgsession:
            self.tgs = args.tgsession
        self.server = None

    def close(self):
        super().close()
        if self.server:
            self.server.stop()

    def make_both(self, n):
        work = tempfile.mkdtemp(prefix="both%d-" % n, dir=self.tmp)
        stamp = fleet.TelethonStamp(work, 443)
        keys, paths = [], []
        for i in range(n):
            keys.append(os.urandom(256))
            p = os.path.join(work, "s%06d.session" % i)
            stamp.write(p, i, keys[-1])
            paths.append(p)
        state = os.path.join(work, "state.json")
        fleet.write_state(state, [(k, fleet.user_for(i)) for i, k in enumerate(keys)])
        listing = os.path.join(work, "list.txt")
        with open(listing, "w") as f:
            f.write("\n".join(paths) + "\n")
        self.server = pg_server.PgServer()
        self.env["PGPASSWORD"] = pg_server.ADMIN_PASSWORD
        store = self.server.url(prefix=PREFIX)
        # tgsession creates the tables with its first write (an import of one string).
        rc, _, err, *_ = fb.run([self.tgs, "-q", "convert", paths[0],
                                 self.server.url("zz-made-by-tgsession", prefix=PREFIX)],
                                env=self.env, rss=False)
        assert rc == 0, err.decode()[-800:]
        seed_store(self.server, keys)
        return listing, state, store

    def pg_cpu(self):
        """CPU of the PostgreSQL server so far, in seconds: the postmaster's own and that of its
        ended children (a connection's backend is one, reaped when the client disconnects)."""
        with open("/proc/%d/stat" % self.server.proc.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def measure(self, label, argv, n, state_dir, want, wrap=None):
        env = dict(self.env, XDG_STATE_HOME=state_dir)
        if wrap:
            argv = shlex.split(wrap) + argv
        dc0 = self.dc_cpu() if self.dc else 0
        pg0 = self.pg_cpu()
        rc, out, err, wall, cpu, rss = fb.run(argv, env=env, nofile=1024)
        dc_cpu = (self.dc_cpu() - dc0) if self.dc else 0
        pg_cpu = self.pg_cpu() - pg0
        ok = sum(1 for line in out.splitlines() if want in line)
        assert ok >= n, (label, rc, ok, err[-800:])
        print("  %-18s %7.0f checks/s  %d in %6.3f s  CPU %.2f s (%.0f us/check; test DC %.0f, "
              "PostgreSQL %.0f)  peak RSS %5.1f MiB"
              % (label, n / wall, n, wall, cpu, cpu / n * 1e6, dc_cpu / n * 1e6, pg_cpu / n * 1e6,
                 rss / 1024))
        return n / wall, rss / 1024

    def store(self):
        n = self.args.sessions
        listing, state, store = self.make_both(n)
        cfg = self.start_dc(state)
        base = [self.tgs, "--server-config", cfg, "--json", "-q", "status"]
        print("%d sessions, files vs PostgreSQL store, online against one local test DC "
              "(ulimit -n 1024), load average %s before:" % (n, fb.loadavg()))
        for r in range(self.args.rounds):
            files_state = tempfile.mkdtemp(prefix="files-state-", dir=self.tmp)
            store_state = tempfile.mkdtemp(prefix="store-state-", dir=self.tmp)
            # Interleaved, so both paths see about the same load.
            for salts in ("cold", "warm"):
                self.measure("files, %s salts" % salts, base + ["--files-from", listing], n,
                             files_state, b'"authorized":true')
                self.measure("store, %s salts" % salts, base + [store], n, store_state,
                             b'"authorized":true', self.args.wrap)
            print("  load average %s" % fb.loadavg())
        print("--offline (the same sessions, no network):")
        off = [self.tgs, "--json", "-q", "status", "--offline"]
        self.measure("files --offline", off + ["--files-from", listing], n, self.tmp,
                     b'"has_key"')
        self.measure("store --offline", off + [store], n, self.tmp, b'"has_key"')
        print("  load average %s after" % fb.loadavg())
        return {}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.environ.get("TGS_BUILD_DIR",
                                                      os.path.join(ROOT, "build", "default")))
    ap.add_argument("--sessions", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--tgsession", help="this tgsession binary instead of the build's")
    ap.add_argument("--wrap")
    args = ap.parse_args()
    b = StoreBench(args)
    print("load average %s (%d CPUs)" % (fb.loadavg(), os.cpu_count()))
    try:
        b.store()
    finally:
        b.close()
        shutil.rmtree(b.tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
