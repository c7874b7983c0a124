#!/usr/bin/python3
"""Online `status` of one fleet with two (or more) tgsession binaries, interleaved, so a change
is judged against its parent under the same load: round after round, each binary runs cold (a
new, empty state dir: no salts cached) and then warm (that state dir again). One fleet and one
test DC for all runs. Prints each run and the medians. Not a test: nothing here asserts.

usage: /usr/bin/python3 bench/fleet_ab.py --bin before=PATH --bin after=PATH [--build DIR]
           [--sessions N] [--rounds R] [--churn N] [--perf]
  --churn N  before each run, write and delete N files of 8 KiB in the run's temporary dir:
             what a previous run's clean-up leaves (on ext4 without a journal, inodes freed in
             the last 30 s slow down every create; see bench/README.md)
  --perf     runs tgsession under `perf stat` and prints its context switches and migrations
The fuzz engineer's libFuzzer process (pid in /work/team/fuzz.pid, if any) is stopped during
each run and continued right after.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import fleet_status as fb  # noqa: E402  (run, loadavg, fleets and the test DC)

FUZZ_PID_FILE = "/work/team/fuzz.pid"


def fuzz_pid():
    try:
        with open(FUZZ_PID_FILE) as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def signal_fuzz(pid, sig):
    if pid:
        try:
            os.kill(pid, sig)
        except OSError:
            pass


def churn(where, n):
    d = tempfile.mkdtemp(prefix="churn-", dir=where)
    block = os.urandom(8192)
    for i in range(n):
        with open(os.path.join(d, "f%d" % i), "wb") as f:
            f.write(block)
    shutil.rmtree(d)


def perf_counts(path):
    counts = {}
    with open(path) as f:
        for line in f:
            fields = line.strip().split(",")
            if len(fields) > 2 and fields[0][:1].isdigit():
                counts[fields[2]] = int(float(fields[0]))
    return counts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.environ.get("TGS_BUILD_DIR",
                                                      os.path.join(ROOT, "build", "default")))
    ap.add_argument("--bin", action="append", required=True, help="LABEL=PATH")
    ap.add_argument("--sessions", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--churn", type=int, default=0)
    ap.add_argument("--perf", action="store_true")
    args = ap.parse_args()
    bins = dict(b.split("=", 1) for b in args.bin)
    bench = fb.Bench(args)  # for the test DC binary, the fleet and the environment
    n = args.sessions
    rates = {}
    try:
        paths, state, listing = bench.make_fleet(n)
        cfg = bench.start_dc(state)
        print("%d sessions, load average %s before" % (n, fb.loadavg()))
        for r in range(args.rounds):
            for label, tgs in bins.items():
                state_dir = tempfile.mkdtemp(prefix="state-", dir=bench.tmp)
                for salts in ("cold", "warm"):
                    if args.churn:
                        churn(bench.tmp, args.churn)
                    argv = [tgs, "--server-config", cfg, "--json", "-q", "status",
                            "--files-from", listing]
                    stat_file = os.path.join(bench.tmp, "perf-stat.csv")
                    if args.perf:
                        argv = ["perf", "stat", "-x,", "-o", stat_file, "-e",
                                "context-switches,cpu-migrations"] + argv
                    env = dict(bench.env, XDG_STATE_HOME=state_dir)
                    fuzz = fuzz_pid()
                    signal_fuzz(fuzz, 19)  # SIGSTOP
                    dc0 = bench.dc_cpu()
                    rc, out, err, wall, cpu, _ = fb.run(argv, env=env, nofile=1024, rss=False)
                    dc = bench.dc_cpu() - dc0
                    signal_fuzz(fuzz, 18)  # SIGCONT
                    ok = sum(1 for line in out.splitlines() if b'"authorized":true' in line)
                    assert rc == 0 and ok == n, (label, rc, ok, err[-800:])
                    extra = ""
                    if args.perf:
                        c = perf_counts(stat_file)
                        extra = "  %d context switches, %d migrations" % (
                            c.get("context-switches", 0), c.get("cpu-migrations", 0))
                    rates.setdefault((label, salts), []).append(n / wall)
                    print("  round %d %-8s %s  %7.0f checks/s  %.0f us CPU/check (test DC %.0f)"
                          "%s  load %s" % (r, label, salts, n / wall, cpu / n * 1e6,
                                           dc / n * 1e6, extra, fb.loadavg()), flush=True)
    finally:
        bench.close()
    print("medians:")
    for (label, salts), v in rates.items():
        print("  %-8s %s  %7.0f checks/s  (%s)" % (label, salts, statistics.median(v),
                                                 " ".join("%.0f" % x for x in v)))
    print("load average %s after" % fb.loadavg())


if __name__ == "__main__":
    main()
