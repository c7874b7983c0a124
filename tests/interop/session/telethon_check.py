"""Drives real Telethon v1 (Debian python3-telethon) for the session interop tests.

Every command prints one JSON object: {"dc", "address", "port", "key"} (key as hex, "" if none).
  read-file PATH | read-string STRING | write-file PATH DC ADDR PORT KEYHEX |
  write-string DC ADDR PORT KEYHEX | schema PATH (the sqlite_master rows Telethon creates)
"""
import json
import sqlite3
import sys

import telethon
from telethon.crypto import AuthKey
from telethon.sessions import SQLiteSession, StringSession


def describe(session):
    key = session.auth_key.key if session.auth_key else b""
    return {"dc": session.dc_id, "address": session.server_address, "port": session.port,
            "key": key.hex(), "telethon": telethon.__version__}


def main(argv):
    cmd = argv[1]
    if cmd == "read-file":
        s = SQLiteSession(argv[2])
        out = describe(s)
        s.close()
    elif cmd == "read-string":
        out = describe(StringSession(argv[2]))
    elif cmd in ("write-file", "write-string"):
        rest = argv[3:] if cmd == "write-file" else argv[2:]
        dc, addr, port, key = int(rest[0]), rest[1], int(rest[2]), bytes.fromhex(rest[3])
        s = SQLiteSession(argv[2]) if cmd == "write-file" else StringSession()
        s.set_dc(dc, addr, port)
        s.auth_key = AuthKey(data=key)
        if cmd == "write-file":
            s.save()
            s.close()
            out = describe(SQLiteSession(argv[2]))
        else:
            out = {"string": s.save()}
    elif cmd == "schema":
        db = sqlite3.connect(argv[2])
        rows = db.execute("select type, name, tbl_name, sql from sqlite_master order by name").fetchall()
        out = {"schema": [list(r) for r in rows]}
    else:
        raise SystemExit("unknown command " + cmd)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv)
