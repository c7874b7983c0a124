"""Issue 11's numbered points, each shown on the real binary against the real test DC:
sealing leaves no plaintext backup (1), a session file's own address is not trusted (2),
secrets on argv are refused or warned about (3), server strings reach the terminal without
control characters (5), and `login --force` logs the replaced key out (7)."""
import base64
import os
import shutil
import socket
import struct
import threading

import e2e_support as e
from e2e_support import E2ETestCase

ESC_NAME = "Eve\x1b]0;owned\x07\x1b[2J"
ESC_HINT = "hint\x1b[31m red"


class Listener:
    """A TCP port that only counts who connects (stands in for an attacker's server)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self._stop = True
        self._thread.join()
        self.sock.close()


def telethon_string(dc_id, ip, port, key):
    raw = struct.pack(">B4sH256s", dc_id, socket.inet_aton(ip), port, key)
    return "1" + base64.urlsafe_b64encode(raw).decode()


class Hardening(E2ETestCase):
    def login_bob(self, session, extra=()):
        return self.login_scripted(session, e.BOB_PHONE, e.BOB_CODE, extra=list(extra))

    # 1 ---------------------------------------------------------------------------------------
    def test_sealing_in_place_leaves_no_plaintext_backup(self):
        s = self.path("seal.session")
        self.login_bob(s)
        pw = self.write_secret("pass.txt", "correct horse battery")
        r = self.run_tgs("--passphrase-file", pw, "convert", s, s, "--seal", "--force")
        self.assertExit(r, 0)
        self.assertFalse(os.path.exists(s + ".bak"), "a plaintext copy was left beside it")
        leftovers = [n for n in os.listdir(self.tmp) if n.startswith("seal.session")]
        self.assertEqual(leftovers, ["seal.session"])

    def test_a_backup_is_announced_with_its_path(self):
        s = self.path("fmt.session")
        self.login_bob(s, extra=["--format", "pyrogram"])
        r = self.run_tgs("convert", s, s, "--to", "telethon", "--force")
        self.assertExit(r, 0)
        self.assertTrue(os.path.exists(s + ".bak"))
        self.assertIn(s + ".bak", r.stderr)

    # 2 ---------------------------------------------------------------------------------------
    def test_a_session_files_own_address_is_not_trusted(self):
        listener = Listener()
        try:
            s = self.path("traded.session")
            # DC 5 is not in the test DC's config: the file alone names where it lives.
            text = telethon_string(5, "127.0.0.1", listener.port, os.urandom(256))
            r = self.run_tgs("import", "-", s, stdin_data=text + "\n")
            self.assertExit(r, 0)
            r = self.run_tgs("login", s, "--phone", e.BOB_PHONE, "--code", e.BOB_CODE,
                             timeout=60)
            self.assertNotEqual(r.returncode, 0)  # Telegram's DC 5 is unreachable offline
            self.assertEqual(listener.connections, 0, "connected to the file's address")
            self.assertIn("not a Telegram address", r.stderr)
            # Named by the user (--dc), the same address is used.
            r = self.run_tgs("--dc", "5=127.0.0.1:%d" % listener.port, "status", s)
            self.assertGreater(listener.connections, 0)
        finally:
            listener.close()

    # 3 ---------------------------------------------------------------------------------------
    def test_session_strings_come_from_stdin_not_argv(self):
        s = self.path("src.session")
        self.login_bob(s)
        r = self.run_tgs("export", s, "--to", "telethon-string", json_out=False)
        self.assertExit(r, 0)
        text = r.stdout.strip()
        self.outputs.remove(r.stdout)  # the exported string is the expected output here
        r = self.run_tgs("import", text, self.path("argv.session"))
        self.assertExit(r, 64)
        self.assertIn("standard input", r.stderr)
        self.assertNotIn(text, r.stdout + r.stderr)
        self.assertFalse(os.path.exists(self.path("argv.session")))
        r = self.run_tgs("convert", text, self.path("argv2.session"))
        self.assertExit(r, 64)
        r = self.run_tgs("import", "-", self.path("in.session"), stdin_data=text + "\n")
        self.assertExit(r, 0)
        r = self.run_tgs("convert", "-", self.path("conv.session"), stdin_data=text + "\n")
        self.assertExit(r, 0)
        self.assertExit(self.status(self.path("conv.session")), 0)

    def test_bot_token_on_argv_is_refused(self):
        r = self.run_tgs("login", self.path("bot.session"), "--phone", e.BOT_TOKEN)
        self.assertExit(r, 64)
        self.assertIn("bot-login --token-file", r.stderr)
        self.assertFalse(os.path.exists(self.path("bot.session")))

    def test_api_hash_on_argv_warns(self):
        r = self.run_tgs("--api-hash", e.API_HASH, "status", self.path("none.session"),
                         env={"TG_API_HASH": None})
        self.assertIn("--api-hash on the command line", r.stderr)
        self.assertIn("TG_API_HASH", r.stderr)
        r = self.run_tgs("status", self.path("none.session"))
        self.assertNotIn("--api-hash on the command line", r.stderr)

    # 5 ---------------------------------------------------------------------------------------
    def test_server_strings_are_escaped_for_the_terminal(self):
        accounts = {"users": [{"phone": e.BOB_PHONE, "first_name": ESC_NAME, "username": "eve",
                               "dc": 1, "code": e.BOB_CODE, "password": e.ANN_PASSWORD,
                               "hint": ESC_HINT}], "bots": []}
        dc = self.start_dc(accounts=accounts)
        r = self.run_tgs("login", self.path("esc.session"), "--phone", e.BOB_PHONE, "--code",
                         e.BOB_CODE, "--password-file",
                         self.write_secret("pw.txt", e.ANN_PASSWORD), dc=dc, json_out=False)
        self.assertExit(r, 0)
        self.assertNotIn("\x1b", r.stdout + r.stderr)
        self.assertNotIn("\x07", r.stdout + r.stderr)
        self.assertIn("Eve\\x1b]0;owned\\x07", r.stdout)
        self.assertIn("hint\\x1b[31m red", r.stderr)

    # sealed files -----------------------------------------------------------------------------
    def test_one_passphrase_read_serves_the_whole_run(self):
        s = self.path("sealed.session")
        self.login_bob(s)
        pw = self.write_secret("pass.txt", "correct horse battery")
        self.assertExit(self.run_tgs("--passphrase-file", pw, "convert", s, s, "--seal",
                                     "--force"), 0)
        # revoke reads the key to open the file and again to save it: stdin is read once.
        r = self.run_tgs("--passphrase-file", "-", "revoke", s,
                         stdin_data="correct horse battery\n")
        self.assertExit(r, 0)

    def test_a_new_passphrase_is_asked_twice(self):
        s = self.path("plain.session")
        self.login_bob(s)
        t = self.spawn_tty("convert", s, self.path("new.session"), "--seal")
        t.expect("passphrase: ")
        t.send_hidden("first-Passphrase")
        t.expect("Repeat the passphrase: ")
        t.send_hidden("second-Passphrase")
        self.assertEqual(t.wait(), 64)
        self.assertIn("differ", t.transcript)
        self.assertFalse(os.path.exists(self.path("new.session")))

    # 7 ---------------------------------------------------------------------------------------
    def test_force_logs_out_the_replaced_key(self):
        s = self.path("force.session")
        self.login_bob(s)
        old = self.path("old.session")
        shutil.copy(s, old)
        j = self.login_bob(s, extra=["--force"])
        self.assertIs(j["replaced_logged_out"], True)
        self.assertExit(self.status(old), 1)  # the replaced key is no longer authorized
        self.assertExit(self.status(s), 0)

    def test_keep_old_leaves_the_replaced_key_live(self):
        s = self.path("keep.session")
        self.login_bob(s)
        old = self.path("old.session")
        shutil.copy(s, old)
        j = self.login_bob(s, extra=["--force", "--keep-old"])
        self.assertIs(j["replaced_logged_out"], False)
        self.assertExit(self.status(old), 0)
        self.assertExit(self.status(s), 0)


if __name__ == "__main__":
    e.main()
