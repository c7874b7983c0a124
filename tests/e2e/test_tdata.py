"""`tgsession convert SESSION DIR --to tdata`, `convert DIR SESSION` and `status DIR` on a
Telegram Desktop tdata folder, judged by an independent implementation of the format
(tdata_format.py: hashlib + AES) and, where installed, by @mtcute/convert; the converted
sessions are checked against the real test DC. Damaged folders and passcodes: documented errors,
nothing written."""
import json
import os
import sqlite3
import subprocess

from cryptography.hazmat.primitives.serialization import load_pem_public_key

import e2e_support as e
import tdata_format as td
from e2e_support import E2ETestCase

NODE_MODULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop", "node",
                            "node_modules")
PASSCODE = "open-Sesame-tdata-42"


def session_key(path):
    with sqlite3.connect(path) as db:
        return db.execute("select auth_key from sessions").fetchone()[0]


class Tdata(E2ETestCase):
    def logged_in(self, name="dan.session"):
        s = self.path(name)
        self.login_scripted(s, e.DAN_PHONE, e.DAN_CODE)
        return s

    def rsa_of_testdc(self):
        key = load_pem_public_key(self.dc.config["rsa_public_keys"][0].encode())
        nums = key.public_numbers()
        to_bytes = lambda v: v.to_bytes((v.bit_length() + 7) // 8, "big")
        return to_bytes(nums.n), to_bytes(nums.e)

    def status_of(self, target):
        r = self.status(target)
        self.assertExit(r, 0)
        j = r.one_json()
        self.assertEqual(j["state"], "authorized")
        return j

    def test_export_is_the_format_and_comes_back_authorized(self):
        s = self.logged_in()
        folder = self.path("tdata")
        r = self.run_tgs("convert", s, folder, "--to", "tdata")
        self.assertExit(r, 0)
        self.assertEqual(r.one_json()["to"], "tdata")

        got = td.read_folder(folder)
        self.assertEqual(got["active"], 0)
        (account,) = got["accounts"]
        self.assertEqual(account["user_id"], e.USER_IDS[e.DAN_PHONE])
        self.assertEqual(account["main_dc"], 2)
        self.assertEqual(account["keys"][2], session_key(s))
        config = account["config"]
        self.assertFalse(config["test"])
        for dc, port in self.dc.ports.items():
            self.assertIn((dc, 0, "127.0.0.1", port), config["options"])
        n, ex = self.rsa_of_testdc()
        self.assertEqual(sorted(dc for dc, _, _ in config["rsa"]), sorted(self.dc.ports))
        for _, kn, ke in config["rsa"]:
            self.assertEqual((kn, ke), (n, ex))
        for root, _, files in os.walk(folder):
            for f in files:
                self.assertEqual(os.stat(os.path.join(root, f)).st_mode & 0o777, 0o600, f)

        before = self.status_of(s)
        on_folder = self.status_of(folder)
        self.assertEqual(on_folder["format"], "tdata")
        self.assertEqual(on_folder["auth_key_id"], before["auth_key_id"])
        back = self.path("back.session")
        self.assertExit(self.run_tgs("convert", folder, back), 0)
        self.assertEqual(session_key(back), session_key(s))
        self.assertEqual(self.status_of(back)["auth_key_id"], before["auth_key_id"])

        # Refuses to replace a folder without --force.
        r = self.run_tgs("convert", s, folder, "--to", "tdata")
        self.assertExit(r, 73)
        self.assertExit(self.run_tgs("convert", s, folder, "--to", "tdata", "--force"), 0)

    def test_folder_written_independently_with_passcode(self):
        s = self.logged_in()
        folder = self.path("tdata")
        n, ex = self.rsa_of_testdc()
        options = [(dc, 0, "127.0.0.1", port) for dc, port in self.dc.ports.items()]
        td.write_folder(folder, e.USER_IDS[e.DAN_PHONE], 2, session_key(s), options,
                        [(2, n, ex)], passcode=PASSCODE.encode())
        out = self.path("imported.session")

        r = self.run_tgs("convert", folder, out)
        self.assertExit(r, 64)
        self.assertIn("SESSION_TDATA_PASSCODE_REQUIRED", r.stdout + r.stderr)
        r = self.run_tgs("convert", folder, out, "--passphrase-file",
                         self.write_secret("bad.txt", "not-the-passcode"))
        self.assertExit(r, 77)
        self.assertIn("SESSION_TDATA_WRONG_PASSCODE", r.stdout)
        self.assertFalse(os.path.exists(out))

        good = self.write_secret("pass.txt", PASSCODE)
        r = self.run_tgs("convert", folder, out, "--passphrase-file", good)
        self.assertExit(r, 0)
        self.assertEqual(session_key(out), session_key(s))
        self.assertEqual(self.status_of(out)["auth_key_id"], self.status_of(s)["auth_key_id"])
        r = self.run_tgs("status", folder, "--passphrase-file", good)
        self.assertExit(r, 0)

    def test_passcode_set_by_tgsession_is_the_apps(self):
        s = self.logged_in()
        folder = self.path("tdata")
        r = self.run_tgs("convert", s, folder, "--to", "tdata", "--passphrase-file",
                         self.write_secret("pass.txt", PASSCODE))
        self.assertExit(r, 0)
        self.assertEqual(td.read_folder(folder, PASSCODE.encode())["accounts"][0]["keys"][2],
                         session_key(s))
        with self.assertRaises(AssertionError):
            td.read_folder(folder, b"")

    def test_damaged_folders_are_refused_and_nothing_is_written(self):
        s = self.logged_in()
        folder = self.path("tdata")
        options = [(2, 0, "127.0.0.1", self.dc.ports[2])]
        out = self.path("out.session")
        account_file = os.path.join(folder, td.md5_name(0) + "s")

        td.write_folder(folder, 1, 2, session_key(s), options, [])
        with open(account_file, "r+b") as f:
            f.seek(30)
            b = f.read(1)
            f.seek(30)
            f.write(bytes([b[0] ^ 1]))
        r = self.run_tgs("convert", folder, out)
        self.assertExit(r, 65)
        self.assertEqual(r.one_json()["error"]["code"], "SESSION_TDATA_CHECKSUM")

        td.write_folder(folder, 1, 2, session_key(s), options, [], config_version=2)
        r = self.run_tgs("convert", folder, out)
        self.assertExit(r, 65)
        self.assertEqual(r.one_json()["error"]["code"], "SESSION_TDATA_UNSUPPORTED_VERSION")

        with open(account_file, "wb") as f:
            f.write(b"TDF$")
        r = self.run_tgs("convert", folder, out)
        self.assertExit(r, 65)
        self.assertEqual(r.one_json()["error"]["code"], "SESSION_TDATA_CORRUPT")
        self.assertFalse(os.path.exists(out))

        r = self.run_tgs("convert", folder, out, "--account", "3")
        self.assertExit(r, 65)  # the damaged account file is read before the account is chosen

    def test_mtcute_reads_our_folder(self):
        if (not os.path.isdir(os.path.join(NODE_MODULES, "@mtcute", "convert"))
                or not os.access("/usr/bin/node", os.X_OK)):
            self.skipTest("@mtcute/convert is not installed (scripts/setup-test.sh)")
        s = self.logged_in()
        folder = self.path("tdata")
        self.assertExit(self.run_tgs("convert", s, folder, "--to", "tdata"), 0)
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mtcute_tdata.mjs")
        p = subprocess.run(["/usr/bin/node", script, os.path.abspath(NODE_MODULES), folder],
                           capture_output=True, timeout=60, env={"NODE_NO_WARNINGS": "1"})
        self.assertEqual(p.returncode, 0, p.stderr.decode())
        got = json.loads(p.stdout)
        self.assertEqual(got["user"], str(e.USER_IDS[e.DAN_PHONE]))
        self.assertEqual(got["dc"], 2)
        self.assertEqual(got["keys"], [[2, session_key(s).hex()]])


if __name__ == "__main__":
    e.main()
