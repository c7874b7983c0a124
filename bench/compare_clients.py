"""Times tgsession against Telethon 1.25.1 and GramJS on the same tgsession-testdc.

Run through compare_clients.sh, which builds nothing, starts the test DC and passes its config.
Every operation is one fresh process (that is how each is used from a shell or a cron job);
the libraries' helpers also report the time spent inside the operation itself, after the
interpreter started and imported the library, so both views are printed. Tools are interleaved
run by run so load from other processes on a shared machine hits them alike.
Peak RSS is the "Maximum resident set size" of /usr/bin/time (package `time`), which runs each
command: ru_maxrss of a child of this Python process would count the Python image it was
forked from until its exec (~13 MiB more than tgsession uses). The CPU that /usr/bin/time
adds itself (its own start-up and fork: ~1.3 ms of CPU on this machine, about a tenth of a
tgsession login) is measured at the start (time + true against true alone) and subtracted, so
the CPU column is the tool's own; wall times still include it (~1 ms), for every tool alike.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
API_ID = '12345'
API_HASH = '0123456789abcdef0123456789abcdef'
PYTHON = '/usr/bin/python3'  # Debian's, where python3-telethon lives

OPS = [
    ('login', 'user login (send code + sign in)'),
    ('bot', 'bot login'),
    ('status', 'status (is the session authorized?)'),
    ('convert', 'Telethon file -> Telethon string'),
]


class Failure(Exception):
    pass


TIMEOUT_S = 60  # one operation; a hung client is killed and the run counted as failed


def run(cmd, env=None):
    """Runs cmd; returns (wall s, peak RSS KiB, stdout, user+sys CPU s). Failure on non-zero
    exit or after TIMEOUT_S."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile(mode='r') as rss:
        t = time.perf_counter()
        p = subprocess.Popen(['/usr/bin/time', '-f', '%M', '-o', rss.name] + list(cmd),
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err,
                             env=env)
        timer = threading.Timer(TIMEOUT_S, p.kill)
        timer.start()
        out = p.stdout.read()
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        timer.cancel()
        p.stdout.close()
        p.returncode = os.waitstatus_to_exitcode(status)  # already reaped by wait4
        if p.returncode != 0:
            err.seek(0)
            tail = err.read().decode(errors='replace').strip().splitlines()[-3:]
            name = ' '.join(os.path.basename(c) for c in cmd[:2])
            why = 'timed out after %d s' % TIMEOUT_S if wall >= TIMEOUT_S else \
                'exited %d' % p.returncode
            raise Failure('%s %s: %s' % (name, why, ' | '.join(tail)))
        words = rss.read().split()
        max_rss = int(words[-1]) if words and words[-1].isdigit() else usage.ru_maxrss
    return wall, max_rss, out.decode(), usage.ru_utime + usage.ru_stime


def wrapper_cpu(samples=40):
    """CPU seconds /usr/bin/time adds to a run: mean of `time true` minus mean of `true`,
    interleaved (never negative)."""
    def cpu(cmd):
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(p.pid, 0)
        return usage.ru_utime + usage.ru_stime
    with tempfile.NamedTemporaryFile() as out:
        wrapped, alone = [], []
        for _ in range(samples):
            wrapped.append(cpu(['/usr/bin/time', '-f', '%M', '-o', out.name, '/bin/true']))
            alone.append(cpu(['/bin/true']))
    return max(0.0, statistics.mean(wrapped) - statistics.mean(alone))


class Tools:
    def __init__(self, args, workdir):
        self.a = args
        self.work = workdir
        self.seq = 0
        # tgsession keeps future auth tokens and salts in its state dir: one of this run only,
        # not the user's, so earlier runs (against other test DCs) change nothing here.
        self.env = dict(os.environ, TG_API_HASH=API_HASH, NO_COLOR='1',
                        XDG_STATE_HOME=os.path.join(workdir, 'state'),
                        XDG_CONFIG_HOME=os.path.join(workdir, 'config'))
        self.env.pop('TGSESSION_BOT_TOKEN', None)

    def fresh(self, tool, ext):
        self.seq += 1
        return os.path.join(self.work, '%s-%04d%s' % (tool, self.seq, ext))

    # --- tgsession: one CLI invocation per operation ---
    def tgs(self, *argv, env=None):
        cmd = [self.a.tgsession, '--server-config', self.a.config, '--api-id', API_ID,
               '--transport', self.a.transport, '--json', *argv]
        wall, rss, _, cpu = run(cmd, env or self.env)
        return wall, rss, None, cpu

    def tgsession_op(self, op, state, i):
        if op == 'login':
            path = self.fresh('tgs', '.session')
            r = self.tgs('login', path, '--phone', phone(1, 1000 + i), '--code', '11111')
            state['tgsession'] = path  # only after success: later ops use it
            return r
        if op == 'bot':
            env = dict(self.env, TGSESSION_BOT_TOKEN=bot_token(710000 + i))
            return self.tgs('bot-login', self.fresh('tgs-bot', '.session'), env=env)
        if op == 'status':
            return self.tgs('status', state['tgsession'])
        if op == 'convert':
            out = self.fresh('tgs-conv', '.txt')
            # Telethon's own file when Telethon ran, else ours (also Telethon v1 format).
            src = state.get('telethon') or state['tgsession']
            wall, rss, _, cpu = run([self.a.tgsession, 'convert', src, out,
                                     '--to', 'telethon-string', '--json'], self.env)
            state['tgsession_string'] = read(out)
            return wall, rss, None, cpu
        raise ValueError(op)

    # --- Telethon: bench/clients/telethon_op.py ---
    def telethon_op(self, op, state, i):
        script = os.path.join(HERE, 'clients', 'telethon_op.py')
        base = [PYTHON, script]
        if op == 'login':
            path = self.fresh('telethon', '.session')
            argv = ['login', self.a.config, self.a.transport, path, phone(1, 2000 + i)]
        elif op == 'bot':
            argv = ['bot', self.a.config, self.a.transport, self.fresh('telethon-bot', '.session'),
                    bot_token(720000 + i)]
        elif op == 'status':
            argv = ['status', self.a.config, self.a.transport, state['telethon']]
        elif op == 'convert':
            out = self.fresh('telethon-conv', '.txt')
            argv = ['convert', self.a.config, self.a.transport, state['telethon'], out]
        wall, rss, out_text, cpu = run(base + argv, self.env)
        if op == 'login':
            state['telethon'] = argv[3]
        if op == 'convert':
            state['telethon_string'] = read(out)
        return wall, rss, json.loads(out_text.strip().splitlines()[-1])['op_s'], cpu

    # --- GramJS: bench/clients/gramjs_op.js ---
    def gramjs_op(self, op, state, i):
        script = os.path.join(HERE, 'clients', 'gramjs_op.js')
        base = ['node', script, self.a.node_dir]
        gramjs_transport = self.a.transport if self.a.transport != 'intermediate' else 'full'
        if op == 'login':
            path = self.fresh('gramjs', '.txt')
            argv = ['login', self.a.config, gramjs_transport, path, phone(1, 3000 + i)]
        elif op == 'bot':
            argv = ['bot', self.a.config, gramjs_transport, self.fresh('gramjs-bot', '.txt'),
                    bot_token(730000 + i)]
        elif op == 'status':
            argv = ['status', self.a.config, gramjs_transport, state['gramjs']]
        else:
            return None  # GramJS has no Telethon SQLite reader
        wall, rss, out_text, cpu = run(base + argv, self.env)
        if op == 'login':
            state['gramjs'] = argv[3]
        return wall, rss, json.loads(out_text.strip().splitlines()[-1])['op_s'], cpu


def phone(dc, n):
    return '99966%d%04d' % (dc, n)  # test DC convention: homed on DC `dc`, code = dc x5


def bot_token(bot_id):
    # Any well-formed token (<id>:<30+ chars>) is a bot of the test DC.
    return '%d:BENCHbenchBENCHbenchBENCHbench%06d' % (bot_id, bot_id)


def read(path):
    with open(path) as f:
        return f.read().strip()


def fmt_ms(v):
    return '-' if v is None else ('%.1f' % (v * 1000) if v < 10 else '%.0f' % (v * 1000))


def fmt_ratio(other, base):
    if other is None or not base:
        return '-'
    r = other / base
    return ('%.2fx' if r >= 0.1 else '%.3fx') % r


def measure(a, tools):
    """Runs every operation; returns ({(op, tool): samples}, identical strings or None)."""
    with tempfile.TemporaryDirectory(prefix='tgs-bench-') as work:
        t = Tools(a, work)
        runner = {'tgsession': t.tgsession_op, 'telethon': t.telethon_op, 'gramjs': t.gramjs_op}
        results = {}
        state = {}
        a.wrapper_cpu = wrapper_cpu()
        for op, _ in OPS:
            # One untimed warm-up per tool (page cache, first-run effects), then interleaved runs.
            for i in range(a.runs + 1):
                for tool in tools:
                    slot = results.setdefault((op, tool), {'wall': [], 'rss': [], 'inner': [],
                                                           'cpu': [], 'failed': []})
                    try:
                        r = runner[tool](op, state, i)
                    except (Failure, KeyError) as e:  # KeyError: its login never succeeded
                        slot['failed'].append(str(e) if isinstance(e, Failure) else
                                              'no authorized session from the login runs')
                        print('  %s %s run %d failed: %s' % (tool, op, i, slot['failed'][-1]),
                              file=sys.stderr)
                        continue
                    if r is None or i == 0:
                        continue
                    slot['wall'].append(r[0])
                    slot['rss'].append(r[1])
                    slot['cpu'].append(max(0.0, r[3] - a.wrapper_cpu))
                    if r[2] is not None:
                        slot['inner'].append(r[2])
            print('  %-8s done (%d runs per tool)' % (op, a.runs), file=sys.stderr)
        same = None
        if 'telethon' in tools:
            same = state.get('tgsession_string') == state.get('telethon_string')
    return results, same


def report(a, tools, results, same):
    rows = []
    head = ('operation', 'tool', 'wall ms', 'ratio', 'CPU ms', 'ratio', 'in-lib ms', 'ratio*',
            'peak RSS', 'failed')
    line = '%-36s %-9s %9s %8s %8s %8s %10s %8s %9s %6s'
    mean = lambda xs: statistics.mean(xs) if xs else None  # noqa: E731
    failures = []
    print()
    print(line % head)
    for op, title in OPS:
        base = results.get((op, 'tgsession'))
        base_wall = mean(base['wall']) if base else None
        base_cpu = mean(base['cpu']) if base else None
        for k, tool in enumerate(tools):
            r = results.get((op, tool))
            if not r or not (r['wall'] or r['failed']):
                continue  # the tool has no such operation
            wall, cpu, inner = mean(r['wall']), mean(r['cpu']), mean(r['inner'])
            rss = '%.1f MiB' % (max(r['rss']) / 1024) if r['rss'] else '-'
            print(line % (title if k == 0 else '', tool, fmt_ms(wall), fmt_ratio(wall, base_wall),
                          fmt_ms(cpu), fmt_ratio(cpu, base_cpu), fmt_ms(inner),
                          fmt_ratio(inner, base_wall), rss, len(r['failed'])))
            failures += ['%s %s: %s' % (tool, op, f) for f in r['failed']]
            rows.append({'op': op, 'tool': tool, 'runs': len(r['wall']), 'wall_s': wall,
                         'wall_stdev_s': statistics.stdev(r['wall']) if len(r['wall']) > 1 else 0,
                         'cpu_s': cpu, 'in_library_s': inner,
                         'peak_rss_kib': max(r['rss']) if r['rss'] else None,
                         'failed': r['failed']})
    print()
    print('wall ms: mean wall time of one process doing the operation, start to exit.')
    print('CPU ms: that process\'s user+sys CPU (steadier than wall on a busy machine), less')
    print('  the %.2f ms /usr/bin/time itself costs (measured at the start; it reports the peak'
          % (a.wrapper_cpu * 1000))
    print('  RSS).')
    print('in-lib ms: wall time inside the library call, after interpreter start and imports;')
    print('  ratio*: in-lib / tgsession\'s whole-process wall time (flatters the libraries).')
    print('ratio: other / tgsession. The test DC\'s own CPU is in no column.')
    print('Transport: %s (GramJS: %s). %d timed runs per cell after one warm-up.' % (
        a.transport, a.transport if a.transport != 'intermediate' else 'full', a.runs))
    if same is not None:
        print('tgsession and Telethon produced %s Telethon strings.' %
              ('identical' if same else 'DIFFERENT'))
    if failures:
        print('\nFailed runs (excluded from the means; warm-up failures included):')
        for f in failures:
            print('  ' + f)
    return rows, bool(failures)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--config', required=True)
    ap.add_argument('--tgsession', required=True)
    ap.add_argument('--node-dir', required=True)
    ap.add_argument('--runs', type=int, default=10)
    ap.add_argument('--transport', default='full')
    ap.add_argument('--tools', default='tgsession,telethon,gramjs')
    ap.add_argument('--json-out')
    a = ap.parse_args()
    tools = a.tools.split(',')
    if tools[0] != 'tgsession':
        sys.exit('compare_clients: tgsession must be the first tool (it is the baseline)')
    results, same = measure(a, tools)
    rows, failed = report(a, tools, results, same)
    if a.json_out:
        with open(a.json_out, 'w') as f:
            json.dump({'runs': a.runs, 'transport': a.transport, 'rows': rows,
                       'time_wrapper_cpu_s': a.wrapper_cpu,
                       'identical_strings': same}, f, indent=1)
    sys.exit(1 if failed else 0)  # a hang or error is a finding, not noise


if __name__ == '__main__':
    try:
        main()
    except Failure as e:
        sys.exit('compare_clients: %s' % e)
