"""Real Telethon 1.25.1 (Debian) logs in to tgsession-testdc over one transport.

usage: telethon_login.py CONFIG_JSON TRANSPORT WORKDIR SCENARIOS_JSON
  CONFIG_JSON   what `tgsession-testdc --write-config` wrote (DC ports, RSA key)
  TRANSPORT     full | intermediate | abridged | obfuscated
  SCENARIOS_JSON the accounts the harness gave the server (phones, codes, passwords, bot)
Writes WORKDIR/result.json: per scenario the facts observed (or "error"). The C++ test asserts
on them, so this script only reports; it exits 0 unless the client itself could not start.
"""
import asyncio
import json
import os
import sys
import traceback

import telethon
from telethon import TelegramClient, errors, functions, types
from telethon.crypto import rsa
from telethon.network import connection
from telethon.sessions import StringSession

TRANSPORTS = {
    'full': connection.ConnectionTcpFull,
    'intermediate': connection.ConnectionTcpIntermediate,
    'abridged': connection.ConnectionTcpAbridged,
    'obfuscated': connection.ConnectionTcpObfuscated,
}
API_ID, API_HASH = 12345, '0123456789abcdef0123456789abcdef'
IDLE_SECONDS = 3  # how long a logged-in client keeps its update loop running


# Telethon turns known errors into classes whose .message is only the category
# ("UNAUTHORIZED"); map the class back to the name the server sent.
_ERROR_NAMES = {cls: name for name, cls in errors.rpcerrorlist.rpc_errors_dict.items()}


def error_name(e):
    return _ERROR_NAMES.get(type(e), e.message)


def load(path):
    with open(path) as f:
        return json.load(f)


class Harness:
    def __init__(self, config, transport, workdir):
        self.ports = {dc['id']: dc['port'] for dc in config['dcs']}
        self.host = config['dcs'][0]['host']
        self.conn = TRANSPORTS[transport]
        self.workdir = workdir
        # Our server's key is the only one it offers; Telethon encrypts with legacy padding.
        for pem in config['rsa_public_keys']:
            rsa.add_key(pem, old=False)

    def client(self, session, dc=1):
        """A client on `session` (file name or StringSession); new sessions start on `dc`."""
        if isinstance(session, str):
            session = os.path.join(self.workdir, session)
        # Telethon keeps the DH key as a minimal big-endian byte string, so one handshake in
        # 256 fails its own new_nonce_hash check (against Telegram too): let it reconnect.
        c = TelegramClient(session, API_ID, API_HASH, connection=self.conn,
                           connection_retries=5, retry_delay=0, timeout=10,
                           request_retries=3)
        if not c.session.auth_key:
            c.session.set_dc(dc, self.host, self.ports[dc])
        record_failures(c)
        return c


def record_failures(c):
    """Every request that fails, the update loop's included (they all go through _call), is
    listed in c.failed as 'Request: ERROR'."""
    c.failed = []
    call = c._call

    async def recording(sender, request, *args, **kwargs):
        try:
            return await call(sender, request, *args, **kwargs)
        except errors.RPCError as e:
            c.failed.append('%s: %s' % (type(request).__name__, error_name(e)))
            raise
    c._call = recording


async def idle(c, facts):
    """Logged in: let the update loop run, then report what failed meanwhile."""
    before = len(c.failed)
    await asyncio.sleep(IDLE_SECONDS)
    facts['idle_failed'] = c.failed[before:]
    me = await c.get_me()
    facts['still_connected'] = me.id if me else 0


def user_facts(me):
    return {'id': me.id, 'phone': me.phone, 'first_name': me.first_name,
            'bot': bool(me.bot), 'self': bool(me.is_self),
            'access_hash_set': bool(me.access_hash)}


async def phone_login(h, acc, name, start_dc=1):
    c = h.client(name, start_dc)
    await c.connect()
    try:
        sent = await c.send_code_request(acc['phone'])
        me = await c.sign_in(acc['phone'], acc['code'])
        facts = user_facts(me)
        facts['code_type'] = type(sent.type).__name__
        facts['dc'] = c.session.dc_id
        facts['port'] = c.session.port
        return c, facts
    except BaseException:
        await c.disconnect()
        raise


async def scenario_phone_reuse_logout(h, acc):
    c, facts = await phone_login(h, acc, 'phone')
    saved = StringSession.save(c.session)
    await c.disconnect()

    # Reuse: a new client on the same session file, no login, get_me works.
    c = h.client('phone')
    await c.connect()
    me = await c.get_me()
    facts['reuse'] = user_facts(me) if me else None
    facts['reuse_authorized'] = await c.is_user_authorized()
    facts['logged_out'] = await c.log_out()
    facts['session_file_removed'] = not os.path.exists(os.path.join(h.workdir, 'phone.session'))

    # The key is refused after logOut.
    c = h.client(StringSession(saved))
    await c.connect()
    try:
        await c(functions.users.GetUsersRequest([types.InputUserSelf()]))
        facts['after_logout'] = 'accepted'
    except errors.RPCError as e:
        facts['after_logout'] = error_name(e)
        facts['after_logout_code'] = e.code
    facts['after_logout_authorized'] = await c.is_user_authorized()
    await c.disconnect()
    return facts


async def scenario_migrate(h, acc):
    # The phone is homed on another DC than the one the client starts on (acc['start_dc']):
    # the client must follow PHONE_MIGRATE_X there.
    c, facts = await phone_login(h, acc, 'migrate', start_dc=acc.get('start_dc', 1))
    await idle(c, facts)
    me = await c.get_me()
    facts['get_me_after'] = me.id if me else None
    await c.disconnect()
    return facts


async def scenario_two_factor(h, acc):
    c = h.client('twofa')
    await c.connect()
    facts = {}
    try:
        await c.send_code_request(acc['phone'])
        try:
            await c.sign_in(acc['phone'], acc['code'])
            facts['needed'] = None
        except errors.SessionPasswordNeededError as e:
            facts['needed'] = error_name(e)
        pw = await c(functions.account.GetPasswordRequest())
        facts['hint'] = pw.hint
        facts['has_password'] = bool(pw.has_password)
        try:
            await c.sign_in(password=acc['password'] + '-wrong')
            facts['wrong'] = 'accepted'
        except errors.RPCError as e:
            facts['wrong'] = error_name(e)
        me = await c.sign_in(password=acc['password'])
        facts.update(user_facts(me))
        me = await c.get_me()
        facts['get_me_after'] = me.id if me else None
    finally:
        await c.disconnect()
    return facts


async def scenario_bot(h, bot):
    c = h.client('bot')
    await c.connect()
    try:
        try:
            await c.sign_in(bot_token=bot['token'][:-1] + ('A' if bot['token'][-1] != 'A' else 'B'))
            facts = {'bad_token': 'accepted'}
        except errors.RPCError as e:
            facts = {'bad_token': error_name(e)}
        me = await c.sign_in(bot_token=bot['token'])
        facts.update(user_facts(me))
        facts['username'] = me.username
        await idle(c, facts)
        me = await c.get_me()
        facts['get_me_after'] = me.id if me else None
    finally:
        await c.disconnect()
    return facts


async def scenario_sign_up(h, acc):
    """A number with no account: sign_in raises PhoneNumberUnoccupiedError (Telethon's name for
    auth.authorizationSignUpRequired), then sign_up creates it and accepts the terms of service."""
    c = h.client('sign_up')
    await c.connect()
    try:
        await c.send_code_request(acc['phone'])
        facts = {}
        try:
            await c.sign_in(acc['phone'], acc['code'])
        except errors.PhoneNumberUnoccupiedError:
            facts['sign_up_required'] = True
        facts['terms_shown'] = bool(c._tos and c._tos.text)
        me = await c.sign_up(acc['code'], acc['first_name'], acc['last_name'])
        facts.update(user_facts(me))
        facts['last_name'] = me.last_name
        facts['authorized'] = await c.is_user_authorized()
        return facts
    finally:
        await c.disconnect()


async def main():
    config, transport, workdir, scenarios = load(sys.argv[1]), sys.argv[2], sys.argv[3], load(sys.argv[4])
    h = Harness(config, transport, workdir)
    out = {'client': 'telethon', 'version': telethon.__version__, 'transport': transport}
    runs = {
        'phone': lambda: scenario_phone_reuse_logout(h, scenarios['phone']),
        'migrate': lambda: scenario_migrate(h, scenarios['migrate']),
        'two_factor': lambda: scenario_two_factor(h, scenarios['two_factor']),
        'bot': lambda: scenario_bot(h, scenarios['bot']),
        'sign_up': lambda: scenario_sign_up(h, scenarios['sign_up']),
    }
    for name, run in runs.items():
        if name not in scenarios:
            continue
        try:
            out[name] = await asyncio.wait_for(run(), 60)
        except BaseException as e:  # report, let the C++ side fail with the reason
            out[name] = {'error': '%s: %s' % (type(e).__name__, e)}
            traceback.print_exc()
    with open(os.path.join(workdir, 'result.json'), 'w') as f:
        json.dump(out, f)


if __name__ == '__main__':
    asyncio.run(main())
