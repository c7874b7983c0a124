"""Fast fleets of real sessions for the `status` scale tests.

Logging in 2,000 accounts through the CLI would take minutes; instead the test DC is started
with a --state file that already holds the auth keys (bound to users exactly as a finished
login leaves them), and the matching Telethon v1 files are stamped out of one template made
with Python's sqlite3 by replacing the key and the user's fields in place (same lengths, so
the SQLite file stays valid). The status checks then do real MTProto with those keys.
"""
import hashlib
import json
import os
import random
import resource
import sqlite3
import struct

import e2e_support as e
from e2e_support import E2ETestCase

# Telethon v1 schema 7, as Telethon creates it.
TELETHON_DDL = """
create table version (version integer primary key);
create table sessions (dc_id integer primary key, server_address text, port integer,
                       auth_key blob, takeout_id integer);
create table entities (id integer primary key, hash integer not null, username text,
                       phone integer, name text, date integer);
create table sent_files (md5_digest blob, file_size integer, type integer, id integer,
                         hash integer, primary key(md5_digest, file_size, type));
create table update_state (id integer primary key, pts integer, qts integer, date integer,
                           seq integer);
insert into version values (7);
"""

FIRST_USER_ID = 7_100_000_000  # 5-byte varint and 6-byte record integer for the whole range
TEMPLATE_USER_ID = FIRST_USER_ID + 999_999


def key_id(key):
    """MTProto auth_key_id: the low 64 bits of SHA1(key), little-endian."""
    return int.from_bytes(hashlib.sha1(key).digest()[12:20], "little")


def _varint(v):
    out = [v & 0x7F]
    v >>= 7
    while v:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    return bytes(reversed(out))


def _int48(v):
    return struct.pack(">q", v)[2:]


def user_for(i):
    uid = FIRST_USER_ID + i
    return {"id": uid, "bot": False, "phone": str(uid), "first_name": "Fleet",
            "last_name": "%07d" % i, "username": "fleet%07d" % i, "access_hash": 1000 + i,
            "dc": 2}


class TelethonStamp:
    """Writes Telethon v1 files that differ only in key and user, from one template."""

    def __init__(self, workdir, port):
        self.key0 = os.urandom(256)
        path = os.path.join(workdir, "template.session")
        db = sqlite3.connect(path, isolation_level=None)
        db.executescript("begin;" + TELETHON_DDL)
        db.execute("insert into sessions values (2, '127.0.0.1', ?, ?, null)", (port, self.key0))
        u = user_for(999_999)
        db.execute("insert into entities values (?, ?, ?, ?, ?, 0)",
                   (TEMPLATE_USER_ID, u["access_hash"], u["username"], TEMPLATE_USER_ID,
                    "Fleet " + u["last_name"]))
        db.execute("commit")
        db.close()
        with open(path, "rb") as f:
            self.template = f.read()
        os.unlink(path)
        # Every field replaced must occur exactly once, or the stamp would touch other bytes.
        self.fields = [(self.key0, None), (_varint(TEMPLATE_USER_ID), _varint),
                       (_int48(TEMPLATE_USER_ID), _int48),
                       (b"fleet0999999", lambda i: b"fleet%07d" % i),
                       (b"Fleet 0999999", lambda i: b"Fleet %07d" % i)]
        for pattern, _ in self.fields:
            assert self.template.count(pattern) == 1, pattern

    def write(self, path, i, key):
        data = self.template
        for pattern, make in self.fields:
            if make is None:
                new = key
            elif make in (_varint, _int48):
                new = make(FIRST_USER_ID + i)
            else:
                new = make(i)
            assert len(new) == len(pattern)
            data = data.replace(pattern, new)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, 0o600)


def write_state(path, entries):
    """entries: (key, user dict or None) pairs; the test DC loads them at start (--state)."""
    keys = []
    for key, user in entries:
        k = {"id": str(key_id(key)), "key": key.hex(), "dc": 2, "created": 1700000000,
             "layer": 228,
             "authorization": {"hash": key_id(key) >> 1, "device_model": "fleet",
                               "platform": "", "system_version": "", "api_id": 1,
                               "app_name": "fleet", "app_version": "1", "date_created": 0,
                               "date_active": 0, "ip": "127.0.0.1"}}
        if user is not None:
            k["user"] = user
        keys.append(k)
    with open(path, "w") as f:
        json.dump({"version": 1, "auth_keys": keys}, f)
    os.chmod(path, 0o600)


def write_foreign(path):
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript("create table notes (id integer primary key, body text);")
    db.close()


def write_corrupt(path, i):
    with open(path, "wb") as f:
        f.write(b"not a session %d\n" % i + os.urandom(5000))


def peak_rss_kib(argv, env, cwd, stdin_data=None, limits=None):
    """Runs argv; returns (exit code, stdout bytes, stderr bytes, peak RSS in KiB) of that one
    program. The peak is measured by /usr/bin/time (Debian `time`), which starts the program
    from its own small process: Linux carries a forked child's high-water mark across exec, so
    the ru_maxrss of a child forked from this Python process is never below Python's own RSS
    (50 MB and more with a fleet in memory) and would hide any growth below that."""
    import subprocess
    import tempfile

    def pre():
        if limits:
            for res, value in limits:
                resource.setrlimit(res, value)

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r") as rss:
        p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", rss.name] + list(argv),
                             env=env, cwd=cwd, stdout=out, stderr=err,
                             stdin=subprocess.PIPE if stdin_data is not None
                             else subprocess.DEVNULL, preexec_fn=pre)
        if stdin_data is not None:
            p.stdin.write(stdin_data)
            p.stdin.close()
        p.wait()
        out.seek(0)
        err.seek(0)
        # time writes "Command exited with non-zero status N" first when it is not 0.
        return p.returncode, out.read(), err.read(), int(rss.read().split()[-1])


PASSPHRASE = "fleet-seal-passphrase"


class Fleet:
    """Files of every kind in `workdir`, the test DC state for them, and the expected answers."""

    def __init__(self, test, workdir, authorized, revoked=0, unknown=0, corrupt=0, missing=0,
                 foreign=0, sealed=0):
        self.test = test
        self.workdir = workdir
        self.expected = {}  # path -> (state, reason or user_id)
        self.order = []
        entries = []
        stamp = TelethonStamp(workdir, 443)
        n = 0

        def add(path, answer):
            self.expected[path] = answer
            self.order.append(path)

        for _ in range(authorized):
            key = os.urandom(256)
            user = user_for(n)
            entries.append((key, user))
            p = os.path.join(workdir, "a%05d.session" % n)
            stamp.write(p, n, key)
            add(p, ("authorized", user["id"]))
            n += 1
        for _ in range(revoked):  # the key is known but no longer bound: logged out elsewhere
            key = os.urandom(256)
            entries.append((key, None))
            p = os.path.join(workdir, "r%05d.session" % n)
            stamp.write(p, n, key)
            add(p, ("not_authorized", "unregistered"))
            n += 1
        for _ in range(unknown):  # a key the DC never saw
            p = os.path.join(workdir, "u%05d.session" % n)
            stamp.write(p, n, os.urandom(256))
            add(p, ("not_authorized", "key_unknown"))
            n += 1
        for i in range(corrupt):
            p = os.path.join(workdir, "c%05d.session" % i)
            write_corrupt(p, i)
            add(p, ("error", "SESSION_CORRUPT"))
        for i in range(missing):
            add(os.path.join(workdir, "m%05d.session" % i), ("error", "SESSION_NOT_FOUND"))
        for i in range(foreign):
            p = os.path.join(workdir, "f%05d.session" % i)
            write_foreign(p)
            add(p, ("error", "SESSION_FOREIGN"))
        for i in range(sealed):  # a sealed copy of an authorized session
            src = self.order[i]
            p = os.path.join(workdir, "s%05d.session" % i)
            r = test.run_tgs("convert", src, p, "--seal",
                             env={"TGSESSION_PASSPHRASE": PASSPHRASE})
            test.assertExit(r, 0)
            add(p, self.expected[src])
        self.state_path = os.path.join(workdir, "testdc-state.json")
        write_state(self.state_path, entries)
        # Problems first (the exit code names the first failing file in input order), then the
        # rest shuffled so kinds interleave.
        bad = [p for p in self.order if self.expected[p][0] == "error"]
        rest = [p for p in self.order if self.expected[p][0] != "error"]
        random.Random(8).shuffle(rest)
        self.order = bad[:1] + sorted(rest + bad[1:], key=lambda p: random.Random(p).random())

    def check(self, results, online):
        t = self.test
        t.assertEqual(len(results), len(self.order), "one result per input")
        got = {j["session"]: j for j in results}
        t.assertEqual(set(got), set(self.order))
        for path, (state, detail) in self.expected.items():
            j = got[path]
            if not online and state in ("authorized", "not_authorized"):
                # --offline reports what the file says: a key and its user.
                t.assertEqual(j["state"], "has_key", j)
                continue
            t.assertEqual(j["state"], state, j)
            if state == "authorized":
                t.assertEqual(j["user_id"], detail, j)
            else:
                t.assertEqual(j["reason"], detail, j)
        corrupt = [p for p, j in got.items() if j["reason"] == "SESSION_CORRUPT"]
        t.assertEqual(sorted(corrupt),
                      sorted(p for p, a in self.expected.items() if a[1] == "SESSION_CORRUPT"))
        t.assertFalse([j for j in results if (j["reason"] or "").startswith("RESOURCE_")])


def limits(nofile):
    return [(resource.RLIMIT_NOFILE, (nofile, nofile))]


class FleetTestCase(E2ETestCase):
    def run_measured(self, args, dc, stdin_data=None, nofile=None, env=None):
        argv = [e.TGSESSION] + self.global_args(dc) + list(args)
        rc, out, err, rss = peak_rss_kib(argv, self.env(env), self.tmp, stdin_data,
                                               limits(nofile) if nofile else None)
        out, err = out.decode(), err.decode()
        self.outputs += [out, err]
        results = [json.loads(line) for line in out.splitlines() if line.strip()]
        return rc, results, err, rss

    def start_fleet_dc(self, f):
        return self.start_dc("--state", f.state_path)
