"""Shared by the install tests (stdlib only, /usr/bin/python3): running commands with their
output in the failure message, and the test DC and accounts of the e2e suite."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import e2e_support  # noqa: E402  (the test DC launcher and the accounts it serves)

TIMEOUT = 240  # seconds for one command: builds included


def run(args, *, env=None, cwd=None, input_text=None, check=True, timeout=TIMEOUT):
    """Runs `args`; fails (AssertionError) with the command and its output if it exits non-zero
    and `check` is set. Returns the CompletedProcess (text mode)."""
    p = subprocess.run(args, env=env, cwd=cwd, input=input_text, text=True,
                       stdin=None if input_text is not None else subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    if check and p.returncode != 0:
        raise AssertionError("%s -> exit %d\nstdout:\n%s\nstderr:\n%s"
                             % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def start_testdc(testdc, workdir):
    """The test DC binary `testdc` on free ports with the e2e accounts (Ann: 2FA; Bob: none;
    the test bot). Stop it with .stop()."""
    e2e_support.TESTDC = testdc
    os.makedirs(workdir, exist_ok=True)
    return e2e_support.TestDC(workdir)


def cleanup():
    """Removes the RSA key the test DCs of this process shared."""
    if e2e_support._KEY_DIR:
        subprocess.run(["rm", "-rf", e2e_support._KEY_DIR])
