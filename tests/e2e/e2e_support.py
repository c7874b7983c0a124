"""Shared helpers for the end-to-end tests: the real `tgsession` binary against the real
`tgsession-testdc`, both started as processes (stdlib only, /usr/bin/python3).

Paths come from `--tgsession PATH --testdc PATH` on the command line (CTest passes
$<TARGET_FILE:...>) or from $TGS_E2E_TGSESSION / $TGS_E2E_TESTDC.
"""
import errno
import hashlib
import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import termios
import time
import unittest

TGSESSION = os.environ.get("TGS_E2E_TGSESSION", "")
TESTDC = os.environ.get("TGS_E2E_TESTDC", "")

# Secrets used by the accounts below. They are long and unusual so that a match in any
# output is a leak, not a coincidence (a 7-digit code cannot be a port number).
API_ID = "123456"
API_HASH = "e2e5ecre7a91ha5h0000feedfacecafe"
ANN_PHONE = "15550001111"  # 2FA, homed on DC 2
ANN_CODE = "7391548"
ANN_PASSWORD = "hunter2-Correct-Horse"
ANN_HINT = "pet's name"
BOB_PHONE = "15550002222"  # no 2FA, homed on DC 1
BOB_CODE = "6402917"
CAT_PHONE = "15550003333"  # no 2FA, homed on DC 3
CAT_CODE = "5183620"
DAN_PHONE = "15550004444"  # no 2FA, homed on DC 2
DAN_CODE = "4827391"
BOT_TOKEN = "1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
BOT_SECRET_PART = BOT_TOKEN.split(":", 1)[1]
BOT_ID = 1000009
WRONG_BOT_TOKEN = "1000009:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDxxx"

ACCOUNTS = {
    "users": [
        {"phone": ANN_PHONE, "first_name": "Ann", "last_name": "Lee", "username": "ann",
         "dc": 2, "code": ANN_CODE, "password": ANN_PASSWORD, "hint": ANN_HINT},
        {"phone": BOB_PHONE, "first_name": "Bob", "username": "bob", "dc": 1,
         "code": BOB_CODE},
        {"phone": CAT_PHONE, "first_name": "Cat", "username": "cat", "dc": 3,
         "code": CAT_CODE},
        {"phone": DAN_PHONE, "first_name": "Dan", "username": "dan", "dc": 2,
         "code": DAN_CODE},
    ],
    "bots": [
        {"token": BOT_TOKEN, "username": "test_bot", "first_name": "Test Bot", "dc": 2},
    ],
}
USER_IDS = {ANN_PHONE: int(ANN_PHONE), BOB_PHONE: int(BOB_PHONE), CAT_PHONE: int(CAT_PHONE),
            DAN_PHONE: int(DAN_PHONE)}

# Everything that must never appear in tgsession's output or logs.
SECRETS = [API_HASH, ANN_CODE, ANN_PASSWORD, BOB_CODE, CAT_CODE, DAN_CODE, BOT_SECRET_PART,
           "wrong-Password-123"]

RUN_TIMEOUT = 60  # seconds; a command that takes longer is hung (the test fails)

# One RSA key per test process: generating a 2048-bit key for every test DC is slow.
_KEY_DIR = None


def _shared_key_path():
    global _KEY_DIR
    if _KEY_DIR is None:
        _KEY_DIR = tempfile.mkdtemp(prefix="tgs-e2e-key-")
    return os.path.join(_KEY_DIR, "testdc-key.pem")


class TestDC:
    """A running tgsession-testdc on free ports, config written to `config_path`."""

    def __init__(self, workdir, *extra_args, accounts=None):
        self.workdir = workdir
        self.config_path = os.path.join(workdir, "testdc.json")
        accounts_path = os.path.join(workdir, "accounts.json")
        with open(accounts_path, "w") as f:
            json.dump(ACCOUNTS if accounts is None else accounts, f)
        self.log_path = os.path.join(workdir, "testdc.log")
        self._log = open(self.log_path, "wb")
        args = [TESTDC, "--port", "0", "--write-config", self.config_path,
                "--accounts", accounts_path, "--key", _shared_key_path()] + list(extra_args)
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=self._log)
        self.ready = self._read_ready_line(30)
        with open(self.config_path) as f:
            self.config = json.load(f)
        self.ports = {dc["id"]: dc["port"] for dc in self.config["dcs"]}

    def _read_ready_line(self, timeout):
        deadline = time.monotonic() + timeout
        buf = b""
        fd = self.proc.stdout.fileno()
        while b"\n" not in buf:
            left = deadline - time.monotonic()
            if left <= 0:
                self.stop()
                raise AssertionError("tgsession-testdc printed no ready line")
            r, _, _ = select.select([fd], [], [], left)
            if r:
                chunk = os.read(fd, 4096)
                if not chunk:
                    self.stop()
                    raise AssertionError("tgsession-testdc exited: " + self.log())
                buf += chunk
        ready = json.loads(buf.split(b"\n", 1)[0])
        assert ready.get("event") == "ready", ready
        return ready

    def log(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self._log.close()


class Result:
    def __init__(self, args, returncode, stdout, stderr):
        self.args = args
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr

    def json_lines(self):
        """Every stdout line parsed as JSON (--json prints one object per line)."""
        out = []
        for line in self.stdout.splitlines():
            if line.strip():
                out.append(json.loads(line))
        return out

    def one_json(self):
        lines = self.json_lines()
        assert len(lines) == 1, "expected one JSON object, got %r" % (self.stdout,)
        return lines[0]

    def __repr__(self):
        return "tgsession %s -> %d\nstdout: %s\nstderr: %s" % (
            " ".join(self.args), self.returncode, self.stdout, self.stderr)


class E2ETestCase(unittest.TestCase):
    """Each test gets a temp dir (HOME and XDG dirs inside it) and may start test DCs."""

    testdc_args = ()  # extra tgsession-testdc flags for self.dc, started in setUp

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="tgs-e2e-")
        for sub in ("home", "state", "config"):
            os.makedirs(os.path.join(self.tmp, sub))
        self.outputs = []  # every stdout/stderr/transcript, checked for secrets in tearDown
        self.dcs = []
        self.dc = self.start_dc(*self.testdc_args)

    def tearDown(self):
        for dc in self.dcs:
            dc.stop()
        leaks = [s for s in SECRETS for text in self.outputs if s in text]
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.assertEqual(leaks, [], "secrets leaked into tgsession output")

    def start_dc(self, *args, accounts=None):
        d = os.path.join(self.tmp, "dc%d" % len(self.dcs))
        os.makedirs(d)
        dc = TestDC(d, *args, accounts=accounts)
        self.dcs.append(dc)
        return dc

    def path(self, name):
        return os.path.join(self.tmp, name)

    def write_secret(self, name, value):
        p = self.path(name)
        with open(p, "w") as f:
            f.write(value + "\n")
        os.chmod(p, 0o600)
        return p

    def env(self, extra=None):
        e = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.path("home"),
            "XDG_STATE_HOME": self.path("state"),
            "XDG_CONFIG_HOME": self.path("config"),
            "TG_API_ID": API_ID,
            "TG_API_HASH": API_HASH,
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
        }
        for k, v in (extra or {}).items():
            if v is None:
                e.pop(k, None)  # None removes a default variable
            else:
                e[k] = v
        return e

    def global_args(self, dc=None, json_out=True):
        dc = dc or self.dc
        args = ["--server-config", dc.config_path, "--timeout", "10"]
        if json_out:
            args.append("--json")
        return args

    def run_tgs(self, *args, dc=None, json_out=True, env=None, stdin_data=None,
                timeout=RUN_TIMEOUT):
        """Runs tgsession without a terminal (stdin closed unless `stdin_data`)."""
        full = self.global_args(dc, json_out) + list(args)
        try:
            p = subprocess.run([TGSESSION] + full, env=self.env(env),
                               input=stdin_data.encode() if stdin_data is not None else None,
                               stdin=subprocess.DEVNULL if stdin_data is None else None,
                               capture_output=True, timeout=timeout, cwd=self.tmp)
        except subprocess.TimeoutExpired:
            self.fail("tgsession %s hung (no answer in %d s)" % (" ".join(full), timeout))
        r = Result(full, p.returncode, p.stdout.decode("utf-8", "replace"),
                   p.stderr.decode("utf-8", "replace"))
        self.outputs += [r.stdout, r.stderr]
        return r

    def assertExit(self, result, code):
        self.assertEqual(result.returncode, code, repr(result))

    def login_scripted(self, session, phone, code, password=None, extra=(), dc=None):
        """A non-interactive user login that must succeed; returns the JSON result."""
        args = ["login", session, "--phone", phone, "--code", code] + list(extra)
        if password is not None:
            args += ["--password-file", self.write_secret("pw.txt", password)]
        r = self.run_tgs(*args, dc=dc)
        self.assertExit(r, 0)
        return r.one_json()

    def bot_login(self, session, dc=None):
        r = self.run_tgs("bot-login", session, "--token-file",
                         self.write_secret("token.txt", BOT_TOKEN), dc=dc)
        self.assertExit(r, 0)
        return r.one_json()

    def status(self, *sessions, offline=False, dc=None):
        args = ["status"] + list(sessions) + (["--offline"] if offline else [])
        return self.run_tgs(*args, dc=dc)

    def spawn_tty(self, *args, dc=None, env=None):
        return PtySession(self, [TGSESSION] + self.global_args(dc, json_out=False) + list(args),
                          self.env(env), self.tmp)


def file_fingerprint(path):
    """(sha256 of the bytes, mtime_ns, mode) — status must leave all three alone."""
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    st = os.stat(path)
    return digest, st.st_mtime_ns, st.st_mode


class PtySession:
    """tgsession on a pseudo-terminal (stdin, stdout and stderr), driven like a person would."""

    def __init__(self, test, argv, env, cwd):
        self.test = test
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                     cwd=cwd, start_new_session=True)
        os.close(slave)
        self.transcript = ""
        self._pos = 0  # expect() searches after the previous match
        test.outputs.append(self)  # checked for secrets through __contains__ at tearDown

    def __contains__(self, secret):
        return secret in self.transcript

    def _read(self, timeout):
        r, _, _ = select.select([self.master], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.master, 4096)
        except OSError as e:  # EIO: the child closed the terminal
            if e.errno != errno.EIO:
                raise
            data = b""
        if not data:
            return None
        self.transcript += data.decode("utf-8", "replace")
        return True

    def expect(self, pattern, timeout=30):
        """Waits for `pattern` (regex) after the previous match; returns the match."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            m = rx.search(self.transcript, self._pos)
            if m:
                self._pos = m.end()
                return m
            left = deadline - time.monotonic()
            got = self._read(max(left, 0)) if left > 0 else False
            if got is None or left <= 0:
                self.test.fail("never saw %r on the terminal; transcript:\n%s"
                               % (pattern, self.transcript))

    def echo_enabled(self):
        # On Linux tcgetattr on the master reports the slave side's settings.
        return bool(termios.tcgetattr(self.master)[3] & termios.ECHO)

    def send_line(self, text):
        self.send_raw(text + "\n")

    def send_raw(self, text):
        os.write(self.master, text.encode())

    def send_hidden(self, text, timeout=10):
        """Types `text` only once the program has turned echo off (fails if it never does)."""
        deadline = time.monotonic() + timeout
        while self.echo_enabled():
            if time.monotonic() > deadline:
                self.test.fail("echo was never turned off for a secret prompt; transcript:\n%s"
                               % self.transcript)
            time.sleep(0.01)
        self.send_line(text)

    def wait(self, timeout=RUN_TIMEOUT):
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._read(0.1)
        while self._read(0.05):
            pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
            self.test.fail("tgsession on the terminal hung; transcript:\n" + self.transcript)
        os.close(self.master)
        return self.proc.returncode


def main():
    """Entry point of every test_*.py: takes the binary paths, then runs unittest."""
    global TGSESSION, TESTDC
    argv = [sys.argv[0]]
    it = iter(sys.argv[1:])
    for a in it:
        if a == "--tgsession":
            TGSESSION = next(it)
        elif a == "--testdc":
            TESTDC = next(it)
        else:
            argv.append(a)
    for name, value in (("tgsession", TGSESSION), ("tgsession-testdc", TESTDC)):
        if not value or not os.access(value, os.X_OK):
            sys.exit("e2e: no %s binary (give --%s PATH)" % (name, name.split("-")[-1]))
    try:
        unittest.main(module="__main__", argv=argv, verbosity=2)
    finally:
        if _KEY_DIR:
            shutil.rmtree(_KEY_DIR, ignore_errors=True)
