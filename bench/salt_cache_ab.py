#!/usr/bin/python3
"""What the server-salt cache costs right after a fleet check, with two (or more) tgsession
binaries interleaved on one fleet and one test DC, so a cache change is judged against its
parent under the same load. Not a test: nothing here asserts.

usage: /usr/bin/python3 bench/salt_cache_ab.py --bin before=PATH --bin after=PATH [--build DIR]
           [--sessions N] [--fleet-rounds R] [--rounds R] [--churn N]
  1. fleet: each binary, round after round, runs `status` of N sessions cold (a new, empty
     state dir) and warm (the same dir again): checks/s, CPU per check, the cache's files and
     bytes afterwards. Each binary keeps its last state dir: N fresh salts cached. --churn N
     writes and deletes N files of 8 KiB before each cold run (fleet_ab.py's --churn: the case
     where every create of the cache's files is slow on this machine's ext4).
  2. one process at a time, interleaved binary by binary, within the salts' 30 minutes:
     `login` of a new session (new keys: the flush merges them into the cache), one-file
     `status` of a fleet session (its salt is cached: the lookup alone), and `login` with an
     empty state dir (what the same login costs without the fleet's salts). CPU is user+sys of
     the process (wait4), wall is the process's; medians and quartiles.
The test DC never pauses anything else (the fuzz campaign keeps its core).
"""
import argparse
import os
import statistics
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import fleet_ab  # noqa: E402  (churn)
import fleet_status as fb  # noqa: E402  (run, loadavg, fleets and the test DC)


def cache_size(state_dir):
    """Files and bytes under the state dir's tgsession/ (the salt cache, whatever its layout)."""
    files, size = 0, 0
    for top, _, names in os.walk(os.path.join(state_dir, "tgsession")):
        for name in names:
            files += 1
            size += os.lstat(os.path.join(top, name)).st_size
    return files, size


def quartiles(v):
    v = sorted(v)
    return v[len(v) // 4], statistics.median(v), v[(3 * len(v)) // 4]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.environ.get("TGS_BUILD_DIR",
                                                      os.path.join(ROOT, "build", "default")))
    ap.add_argument("--bin", action="append", required=True, help="LABEL=PATH")
    ap.add_argument("--sessions", type=int, default=10000)
    ap.add_argument("--fleet-rounds", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--churn", type=int, default=0)
    args = ap.parse_args()
    bins = dict(b.split("=", 1) for b in args.bin)
    bench = fb.Bench(args)  # the test DC binary, the fleet and the environment
    n = args.sessions
    fleet_rows, rows = {}, {}
    try:
        paths, state, listing = bench.make_fleet(n)
        cfg = bench.start_dc(state)
        print("%d sessions, load average %s before" % (n, fb.loadavg()), flush=True)
        states = {}
        for r in range(args.fleet_rounds):
            for label, tgs in bins.items():
                states[label] = tempfile.mkdtemp(prefix="state-", dir=bench.tmp)
                env = dict(bench.env, XDG_STATE_HOME=states[label])
                for salts in ("cold", "warm"):
                    if args.churn and salts == "cold":
                        fleet_ab.churn(bench.tmp, args.churn)
                    argv = [tgs, "--server-config", cfg, "--json", "-q", "status",
                            "--files-from", listing]
                    rc, out, err, wall, cpu, _ = fb.run(argv, env=env, nofile=1024, rss=False)
                    ok = sum(1 for line in out.splitlines() if b'"authorized":true' in line)
                    assert rc == 0 and ok == n, (label, rc, ok, err[-800:])
                    fleet_rows.setdefault((label, salts), []).append((n / wall, cpu / n * 1e6))
                    files, size = cache_size(states[label])
                    print("  fleet round %d %-8s %s  %7.0f checks/s  %.0f us CPU/check  cache: "
                          "%d files, %d bytes  load %s" % (r, label, salts, n / wall,
                                                           cpu / n * 1e6, files, size,
                                                           fb.loadavg()), flush=True)
        phone = 0
        for r in range(args.rounds):
            for label, tgs in bins.items():
                for case in ("login", "status", "login-empty"):
                    state_dir = states[label]
                    if case == "login-empty":
                        state_dir = tempfile.mkdtemp(prefix="empty-", dir=bench.tmp)
                    env = dict(bench.env, XDG_STATE_HOME=state_dir)
                    if case == "status":
                        argv = [tgs, "--server-config", cfg, "-q", "status",
                                paths[(r * 7919) % n]]
                    else:
                        s = os.path.join(bench.tmp, "login.session")
                        phone += 1
                        argv = [tgs, "--server-config", cfg, "-q", "login", s, "--phone",
                                "999661%04d" % (6000 + phone), "--code", "11111"]
                    rc, _, err, wall, cpu, _ = fb.run(argv, env=env, rss=False)
                    assert rc == 0, (label, case, err[-800:])
                    if case != "status":
                        os.unlink(s)
                    rows.setdefault((case, label), []).append((cpu * 1000, wall * 1000))
    finally:
        bench.close()
    print("fleet status of %d sessions, medians of %d rounds%s:" % (
        n, args.fleet_rounds, ", %d files churned before cold" % args.churn if args.churn else ""))
    for (label, salts), v in fleet_rows.items():
        print("  %-8s %s  %7.0f checks/s  %.0f us CPU/check" % (
            label, salts, statistics.median(x for x, _ in v), statistics.median(y for _, y in v)))
    print("one process each, %d rounds interleaved: CPU ms p25/median/p75, wall ms median" %
          args.rounds)
    for (case, label), v in sorted(rows.items()):
        c = quartiles([x for x, _ in v])
        print("  %-12s %-8s CPU %6.2f %6.2f %6.2f   wall %6.2f" % (
            case, label, c[0], c[1], c[2], statistics.median(y for _, y in v)))
    print("load average %s after" % fb.loadavg())


if __name__ == "__main__":
    main()
