"""The Telethon 1.25.1 side of bench/fleet_status.py: what a user would write to check a folder
of sessions with Telethon itself.

usage: telethon_fleet.py offline LIST
       telethon_fleet.py online LIST CONFIG_JSON CONCURRENCY
LIST holds one session path per line. Prints one JSON line {"files", "seconds", "ok"}; the
time covers the loop only (not the interpreter start or the imports).
"""
import asyncio
import json
import sys
import time

from telethon import TelegramClient
from telethon.crypto import rsa
from telethon.network import connection
from telethon.sessions import SQLiteSession

API_ID, API_HASH = 12345, '0123456789abcdef0123456789abcdef'


def offline(paths):
    ok = 0
    for p in paths:  # the ten-line loop: open, read the key and DC, close
        s = SQLiteSession(p)
        if s.auth_key is not None and s.dc_id:
            ok += 1
        s.close()
    return ok


async def online(paths, config, concurrency):
    for pem in config['rsa_public_keys']:
        rsa.add_key(pem, old=False)
    dc = {d['id']: d for d in config['dcs']}
    gate = asyncio.Semaphore(concurrency)

    async def check(p):
        async with gate:
            client = TelegramClient(p, API_ID, API_HASH, connection=connection.ConnectionTcpFull,
                                    request_retries=1, timeout=10)
            d = dc[client.session.dc_id]
            client.session.set_dc(d['id'], d['host'], d['port'])
            try:
                await client.connect()
                return await client.is_user_authorized()
            finally:
                await client.disconnect()

    results = await asyncio.gather(*(check(p) for p in paths), return_exceptions=True)
    return sum(1 for r in results if r is True)


def main():
    mode, list_path = sys.argv[1], sys.argv[2]
    with open(list_path) as f:
        paths = [line.rstrip('\n') for line in f if line.strip()]
    t0 = time.perf_counter()
    if mode == 'offline':
        ok = offline(paths)
    else:
        with open(sys.argv[3]) as f:
            config = json.load(f)
        ok = asyncio.run(online(paths, config, int(sys.argv[4])))
    print(json.dumps({'files': len(paths), 'seconds': time.perf_counter() - t0, 'ok': ok}))


if __name__ == '__main__':
    main()
