#!/usr/bin/python3
"""Fleet benchmarks for `tgsession status` (issue 8), each side by side with Telethon 1.25.1
in the same run, printing rates, peak RSS and ratios. Not a test: nothing here asserts.

usage: /usr/bin/python3 bench/fleet_status.py [--build DIR] [--files N] [--online-files N]
           [--telethon-online N] [--single-runs N] [--only offline,online,single,login]
  offline  N files `status --offline` (one process) vs a Telethon SQLiteSession loop
  online   N files `status` against a local tgsession-testdc under `ulimit -n 1024`, twice: cold
           (no salts cached: the first run) and warm (the run after); client and test DC CPU
           per check, load average; vs Telethon clients (asyncio, 100 at a time) on a subset
  single   one process `status --offline` of one file, repeated: wall and CPU per process
  login    peak RSS and CPU of one `tgsession login` against the test DC
The session files are Telethon v1 files stamped from one template and the test DC gets their
keys through --state (tests/e2e/fleet_support.py), so making 10,000 costs seconds.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
import fleet_support as fleet  # noqa: E402

API_ENV = {"TG_API_ID": "12345", "TG_API_HASH": "0123456789abcdef0123456789abcdef"}


def run(argv, env=None, stdin=None, nofile=None, cwd=None, rss=True):
    """Runs argv to the end; returns (rc, stdout, stderr, wall s, cpu s, max RSS KiB).

    Peak RSS comes from /usr/bin/time (package `time`): ru_maxrss of a child forked from this
    Python process counts the Python image it was copied from (~28 MiB) until its exec. The
    descriptor limit is set by prlimit(1) for the same reason (no preexec_fn: Python then
    spawns with vfork, so the CPU time is the program's). rss=False runs argv alone (CPU and
    wall without the wrapper's own start-up) and reports 0."""
    rss_file = tempfile.NamedTemporaryFile(delete=False) if rss else None
    wrapped = list(argv)
    if nofile:
        wrapped = ["prlimit", "--nofile=%d:%d" % (nofile, nofile)] + wrapped
    if rss_file:
        wrapped = ["/usr/bin/time", "-f", "%M", "-o", rss_file.name] + wrapped
    try:
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            t0 = time.perf_counter()
            p = subprocess.Popen(wrapped, env=env, cwd=cwd, stdout=out, stderr=err,
                                 stdin=open(stdin, "rb") if stdin else subprocess.DEVNULL)
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.perf_counter() - t0
            out.seek(0)
            err.seek(0)
            max_rss = 0
            if rss_file:
                with open(rss_file.name) as f:
                    lines = f.read().split()
                max_rss = int(lines[-1]) if lines and lines[-1].isdigit() else 0
            return (os.waitstatus_to_exitcode(status), out.read(), err.read(), wall,
                    ru.ru_utime + ru.ru_stime, max_rss)
    finally:
        if rss_file:
            os.unlink(rss_file.name)


def loadavg():
    """The 1, 5 and 15 minute load averages: figures from a busy machine say so."""
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


class Bench:
    def __init__(self, args):
        self.args = args
        self.tgs = os.path.join(args.build, "app", "tgsession", "tgsession")
        self.testdc = os.path.join(args.build, "app", "testdc", "tgsession-testdc")
        self.tmp = tempfile.mkdtemp(prefix="tgs-fleet-bench-")
        self.env = dict(API_ENV, PATH="/usr/bin:/bin", HOME=self.tmp,
                        XDG_STATE_HOME=os.path.join(self.tmp, "state"),
                        XDG_CONFIG_HOME=os.path.join(self.tmp, "config"))
        self.dc = None

    def close(self):
        if self.dc:
            self.dc.send_signal(15)
            self.dc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def make_fleet(self, n):
        work = tempfile.mkdtemp(prefix="fleet%d-" % n, dir=self.tmp)
        stamp = fleet.TelethonStamp(work, 443)
        entries, paths = [], []
        for i in range(n):
            key = os.urandom(256)
            entries.append((key, fleet.user_for(i)))
            p = os.path.join(work, "s%06d.session" % i)
            stamp.write(p, i, key)
            paths.append(p)
        state = os.path.join(work, "state.json")
        fleet.write_state(state, entries)
        listing = os.path.join(work, "list.txt")
        with open(listing, "w") as f:
            f.write("\n".join(paths) + "\n")
        return paths, state, listing

    def start_dc(self, state):
        cfg = os.path.join(self.tmp, "dc.json")
        self.dc = subprocess.Popen([self.testdc, "--port", "0", "--write-config", cfg,
                                    "--state", state], stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL)
        self.dc.stdout.readline()
        return cfg

    def telethon(self, *argv):
        rc, out, err, wall, cpu, rss = run(
            ["/usr/bin/python3", os.path.join(ROOT, "bench", "clients", "telethon_fleet.py")]
            + list(argv), env=self.env)
        if rc != 0:
            raise SystemExit("telethon loop failed: " + err.decode()[-2000:])
        return json.loads(out), wall, cpu, rss

    def offline(self):
        n = self.args.files
        paths, _, listing = self.make_fleet(n)
        rc, out, err, wall, cpu, rss = run(
            [self.tgs, "--json", "-q", "status", "--offline", "--files-from", listing],
            env=self.env)
        ok = sum(1 for line in out.splitlines() if b'"has_key"' in line)
        assert rc == 0 and ok == n, (rc, ok, err[-500:])
        t, t_wall, _, t_rss = self.telethon("offline", listing)
        assert t["ok"] == n
        ours = n / wall
        theirs = n / t["seconds"]
        print("offline, %d files (whole process for tgsession; the loop alone for Telethon):" % n)
        print("  tgsession status --offline  %8.0f files/s  %6.3f s  peak RSS %5.1f MiB"
              % (ours, wall, rss / 1024))
        print("  Telethon SQLiteSession loop %8.0f files/s  %6.3f s  peak RSS %5.1f MiB "
              "(process %.2f s)" % (theirs, t["seconds"], t_rss / 1024, t_wall))
        print("  ratio tgsession/Telethon    %8.1fx" % (ours / theirs))
        return {"offline_files_per_s": ours, "offline_rss_mib": rss / 1024,
                "telethon_offline_files_per_s": theirs, "telethon_offline_rss_mib": t_rss / 1024}

    def dc_cpu(self):
        """The test DC's user+system CPU so far, in seconds (/proc/PID/stat)."""
        with open("/proc/%d/stat" % self.dc.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def online(self):
        n = self.args.online_files
        paths, state, listing = self.make_fleet(n)
        cfg = self.start_dc(state)
        args = [self.tgs, "--server-config", cfg, "--json", "-q", "status", "--files-from",
                listing]
        run(args[:-1] + [paths[0]], env=self.env)  # warm the DC's page cache
        load_before = loadavg()
        print("online, against one local tgsession-testdc (ulimit -n 1024 for tgsession), "
              "load average %s before:" % load_before)
        rows = {}
        # cold: no salt cached (the first run, or any run 30 min after the last): every check
        # pays the bad_server_salt round trip; the run writes the salt cache once. warm: the
        # run right after, with those salts.
        for label in ("cold", "warm"):
            dc0 = self.dc_cpu()
            rc, out, err, wall, cpu, rss = run(args, env=self.env, nofile=1024)
            dc_cpu = self.dc_cpu() - dc0
            ok = sum(1 for line in out.splitlines() if b'"authorized":true' in line)
            assert rc == 0 and ok == n, (rc, ok, err[-800:])
            rows[label] = (n / wall, cpu, dc_cpu, rss)
            print("  tgsession status, %s salts %8.0f checks/s  %d in %6.3f s  CPU %.2f s "
                  "(%.0f us/check; test DC %.0f us/check)  peak RSS %5.1f MiB"
                  % (label, n / wall, n, wall, cpu, cpu / n * 1e6, dc_cpu / n * 1e6,
                     rss / 1024))
        m = min(n, self.args.telethon_online)
        sub = os.path.join(self.tmp, "telethon-list.txt")
        with open(sub, "w") as f:
            f.write("\n".join(paths[:m]) + "\n")
        t, _, _, t_rss = self.telethon("online", sub, cfg, "100")
        assert t["ok"] == m, t
        ours, theirs = rows["cold"][0], m / t["seconds"]
        print("  Telethon, 100 at a time     %8.0f checks/s  %d in %6.3f s  peak RSS %5.1f MiB"
              % (theirs, m, t["seconds"], t_rss / 1024))
        print("  ratio tgsession (cold)/Telethon %6.1fx" % (ours / theirs))
        with open("/proc/%d/status" % self.dc.pid) as f:
            mem = dict(line.split(":", 1) for line in f if line.startswith(("VmRSS", "VmHWM")))
        print("  test DC with %d keys: RSS %s, peak %s" % (
            n, mem["VmRSS"].strip(), mem["VmHWM"].strip()))
        t0 = time.perf_counter()
        self.dc.send_signal(15)  # writes --state once more before it exits
        self.dc.wait()
        print("  test DC stop (one --state write of %d keys + exit): %.0f ms"
              % (n, (time.perf_counter() - t0) * 1000))
        self.dc = None
        print("  load average %s after" % loadavg())
        return {"online_checks_per_s": ours, "online_rss_mib": rows["cold"][3] / 1024,
                "online_warm_checks_per_s": rows["warm"][0],
                "online_cpu_us_per_check": rows["cold"][1] / n * 1e6,
                "online_warm_cpu_us_per_check": rows["warm"][1] / n * 1e6,
                "testdc_cpu_us_per_check": rows["cold"][2] / n * 1e6,
                "telethon_online_checks_per_s": theirs, "load_average_before": load_before}

    def single(self):
        paths, _, _ = self.make_fleet(1)
        runs = self.args.single_runs
        walls, cpus, rss = [], [], 0
        argv = [self.tgs, "-q", "status", "--offline", paths[0]]
        for _ in range(runs):
            rc, _, _, wall, cpu, _ = run(argv, env=self.env, rss=False)
            assert rc == 0
            walls.append(wall)
            cpus.append(cpu)
        rss = run(argv, env=self.env)[5]
        walls.sort()
        cpus.sort()
        med_wall, med_cpu = walls[runs // 2] * 1000, cpus[runs // 2] * 1000
        print("one file, status --offline, one process (median of %d):" % runs)
        print("  wall %.2f ms  CPU %.2f ms  peak RSS %.1f MiB  (fastest: %.2f ms, CPU %.2f ms)"
              % (med_wall, med_cpu, rss / 1024, walls[0] * 1000, cpus[0] * 1000))
        return {"single_wall_ms": med_wall, "single_cpu_ms": med_cpu}

    def login(self):
        _, state, _ = self.make_fleet(1)
        cfg = self.start_dc(state)
        rows = []
        for i in range(5):
            s = os.path.join(self.tmp, "login%d.session" % i)
            argv = [self.tgs, "--server-config", cfg, "-q", "login", s, "--phone",
                    "999661%04d" % (5000 + i), "--code", "11111"]
            rc, _, err, wall, cpu, _ = run(argv, env=self.env, rss=False)
            assert rc == 0, err
            os.unlink(s)  # the next login makes a new key again, with its RSS measured
            rss = run(argv, env=self.env)[5]
            rows.append((cpu, rss))
        rows.sort()
        cpu, rss = rows[len(rows) // 2]
        print("one user login (new key + sendCode + signIn), one process (median of 5):")
        print("  CPU %.1f ms  peak RSS %.1f MiB" % (cpu * 1000, max(r for _, r in rows) / 1024))
        self.dc.send_signal(15)
        self.dc.wait()
        self.dc = None
        return {"login_cpu_ms": cpu * 1000, "login_rss_mib": max(r for _, r in rows) / 1024}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.environ.get("TGS_BUILD_DIR",
                                                      os.path.join(ROOT, "build", "default")))
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--online-files", type=int, default=10000)
    ap.add_argument("--telethon-online", type=int, default=1000)
    ap.add_argument("--single-runs", type=int, default=101)
    ap.add_argument("--only", default="offline,online,single,login")
    ap.add_argument("--json-out")
    args = ap.parse_args()
    b = Bench(args)
    print("load average %s (%d CPUs)" % (loadavg(), os.cpu_count()))
    results = {}
    try:
        for part in args.only.split(","):
            results.update(getattr(b, part)())
    finally:
        b.close()
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
