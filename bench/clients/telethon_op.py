"""One timed operation done by Debian's Telethon 1.25.1 against tgsession-testdc.

usage: telethon_op.py OP CONFIG_JSON TRANSPORT SESSION [ARG]
  OP       login (ARG = phone; the code is the test DC convention) | bot (ARG = token)
           | status (SESSION must be authorized) | convert (ARG = output file)
  SESSION  Telethon v1 SQLite session path (login/bot create it; it must not exist)
Prints one JSON line {"op_s": seconds spent in the operation, "import_s": ...} and exits 0
only when the operation really succeeded, so a failure is never timed as a result.
"""
import json
import sys
import time

_t0 = time.perf_counter()
import asyncio  # noqa: E402

from telethon import TelegramClient  # noqa: E402
from telethon.crypto import rsa  # noqa: E402
from telethon.network import connection  # noqa: E402
from telethon.sessions import SQLiteSession, StringSession  # noqa: E402

IMPORT_S = time.perf_counter() - _t0
API_ID, API_HASH = 12345, '0123456789abcdef0123456789abcdef'
CONNECTIONS = {
    'full': connection.ConnectionTcpFull,
    'intermediate': connection.ConnectionTcpIntermediate,
    'abridged': connection.ConnectionTcpAbridged,
    'obfuscated': connection.ConnectionTcpObfuscated,
}


def convention_code(phone):
    # 99966XYYYY is homed on DC X and its code is X five times.
    return phone[5] * 5


def make_client(session, config, transport):
    for pem in config['rsa_public_keys']:
        # Telethon keeps {fingerprint: (key, old)}; old=False makes it usable for new keys.
        rsa.add_key(pem, old=False)
    client = TelegramClient(session, API_ID, API_HASH, connection=CONNECTIONS[transport],
                            connection_retries=5,  # 1 handshake in 256 fails Telethon's key check
                            request_retries=1, timeout=10)
    if not client.session.auth_key:
        # DC 2: Telethon's own first DC (DEFAULT_DC_ID) and tgsession's, so every tool follows
        # the same PHONE_MIGRATE to the number's home DC, with a second key, as with Telegram.
        dc = next((d for d in config['dcs'] if d['id'] == 2), config['dcs'][0])
        client.session.set_dc(dc['id'], dc['host'], dc['port'])
    return client


async def login(config, transport, session, phone):
    c = make_client(session, config, transport)
    await c.connect()
    try:
        await c.send_code_request(phone)
        me = await c.sign_in(phone, convention_code(phone))
        if not me or me.phone != phone.lstrip('+'):
            raise SystemExit('telethon: login returned the wrong user')
    finally:
        await c.disconnect()


async def bot(config, transport, session, token):
    c = make_client(session, config, transport)
    await c.connect()
    try:
        me = await c.sign_in(bot_token=token)
        if not me or not me.bot:
            raise SystemExit('telethon: bot login did not return a bot')
    finally:
        await c.disconnect()


async def status(config, transport, session):
    c = make_client(session, config, transport)
    await c.connect()
    try:
        if not await c.is_user_authorized():
            raise SystemExit('telethon: session not authorized')
    finally:
        await c.disconnect()


def convert(session, out_path):
    text = StringSession.save(SQLiteSession(session))
    with open(out_path, 'w') as f:
        f.write(text)


def main():
    op, config_path, transport, session = sys.argv[1:5]
    arg = sys.argv[5] if len(sys.argv) > 5 else None
    with open(config_path) as f:
        config = json.load(f)
    t = time.perf_counter()
    if op == 'login':
        asyncio.run(login(config, transport, session, arg))
    elif op == 'bot':
        asyncio.run(bot(config, transport, session, arg))
    elif op == 'status':
        asyncio.run(status(config, transport, session))
    elif op == 'convert':
        convert(session, arg)
    else:
        raise SystemExit('unknown op ' + op)
    print(json.dumps({'op_s': time.perf_counter() - t, 'import_s': IMPORT_S}))


if __name__ == '__main__':
    main()
