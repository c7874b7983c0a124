"""A session written by `tgsession login` is used unchanged by real Telethon 1.25.1 (Debian,
/usr/bin/python3): it connects to the test DC address stored in the file and get_me returns
the user tgsession logged in. Label `interop`."""
import json
import subprocess

import e2e_support as e
from e2e_support import E2ETestCase

# Runs under /usr/bin/python3 (Debian's Telethon). Prints {"id", "bot", "dc", "port"}.
TELETHON_GET_ME = r"""
import asyncio, json, sys
from telethon import TelegramClient
from telethon.crypto import rsa

session, config_path, api_id, api_hash = sys.argv[1:5]
with open(config_path) as f:
    for pem in json.load(f)["rsa_public_keys"]:
        rsa.add_key(pem, old=False)  # only needed should Telethon make a new key

async def main():
    c = TelegramClient(session, int(api_id), api_hash, connection_retries=1, retry_delay=0,
                       timeout=10, request_retries=2, receive_updates=False)
    before = (c.session.dc_id, c.session.server_address, c.session.port,
              c.session.auth_key.key.hex() if c.session.auth_key else "")
    await c.connect()
    me = await c.get_me()
    await c.disconnect()
    print(json.dumps({"id": me.id if me else None, "bot": bool(me and me.bot),
                      "dc": before[0], "address": before[1], "port": before[2],
                      "has_key": bool(before[3])}))

asyncio.run(main())
"""


class TelethonUsesSession(E2ETestCase):
    def telethon_get_me(self, session):
        p = subprocess.run(["/usr/bin/python3", "-c", TELETHON_GET_ME, session,
                            self.dc.config_path, e.API_ID, e.API_HASH],
                           capture_output=True, timeout=90, cwd=self.tmp)
        self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))
        return json.loads(p.stdout.decode().strip().splitlines()[-1])

    def test_user_session_with_2fa(self):
        s = self.path("ann.session")
        self.login_scripted(s, e.ANN_PHONE, e.ANN_CODE, password=e.ANN_PASSWORD)
        got = self.telethon_get_me(s)
        self.assertEqual(got["id"], e.USER_IDS[e.ANN_PHONE])
        self.assertEqual(got["dc"], 2)
        self.assertEqual(got["address"], "127.0.0.1")
        self.assertEqual(got["port"], self.dc.ports[2])
        self.assertTrue(got["has_key"])
        # And tgsession still reads the file after Telethon used it.
        self.assertExit(self.status(s), 0)

    def test_migrated_user_session(self):
        s = self.path("cat.session")
        self.login_scripted(s, e.CAT_PHONE, e.CAT_CODE)
        got = self.telethon_get_me(s)
        self.assertEqual(got["id"], e.USER_IDS[e.CAT_PHONE])
        self.assertEqual(got["dc"], 3)
        self.assertEqual(got["port"], self.dc.ports[3])

    def test_bot_session(self):
        s = self.path("bot.session")
        self.bot_login(s)
        got = self.telethon_get_me(s)
        self.assertEqual(got["id"], e.BOT_ID)
        self.assertTrue(got["bot"])


# Calls one method the test DC does not answer, on a logged-in session. Prints the error.
TELETHON_UNANSWERED = r"""
import asyncio, sys
from telethon import TelegramClient, functions, errors

session, api_id, api_hash = sys.argv[1:4]

async def main():
    c = TelegramClient(session, int(api_id), api_hash, connection_retries=1, retry_delay=0,
                       timeout=10, request_retries=1, receive_updates=False)
    await c.connect()
    try:
        await c(functions.help.GetDeepLinkInfoRequest(path="x"))
        print("accepted")
    except errors.RPCError as e:
        print(type(e).__name__)  # Telethon names known errors by class
    await c.disconnect()

asyncio.run(main())
"""


class UnansweredMethodIsNamedInTheLog(E2ETestCase):
    testdc_args = ("-v",)

    def test_input_method_invalid_names_the_method(self):
        s = self.path("bot.session")
        self.bot_login(s)
        p = subprocess.run(["/usr/bin/python3", "-c", TELETHON_UNANSWERED, s, e.API_ID,
                            e.API_HASH], capture_output=True, timeout=90, cwd=self.tmp)
        self.assertEqual(p.returncode, 0, p.stderr.decode("utf-8", "replace"))
        self.assertEqual(p.stdout.decode().strip().splitlines()[-1], "InputMethodInvalidError")
        # -v (info) is enough to see which method a client missed.
        self.assertIn("rpc error 400 INPUT_METHOD_INVALID (help.getDeepLinkInfo)", self.dc.log())


if __name__ == "__main__":
    e.main()
