// Real GramJS (npm telegram 2.26.22, pinned in tests/interop/node) logs in to tgsession-testdc.
//
// usage: node gramjs_login.js NODE_DIR CONFIG_JSON TRANSPORT WORKDIR SCENARIOS_JSON
//   TRANSPORT: full | abridged | obfuscated
// Writes WORKDIR/result.json with the facts each scenario observed (or "error"); the C++ test
// asserts on them.
"use strict";
const fs = require("fs");
const path = require("path");

const [nodeDir, configPath, transport, workdir, scenariosPath] = process.argv.slice(2);
const mod = (name) => require(path.join(nodeDir, "node_modules", name));
const { TelegramClient, Api, Logger } = mod("telegram");
// telegram/Version.js still says 2.26.21 in 2.26.22; the package manifest is authoritative.
const { version } = mod("telegram/package.json");
const network = mod("telegram/network");
const { StringSession } = mod("telegram/sessions");

const API_ID = 12345;
const IDLE_MS = 3000; // how long a logged-in client keeps its update loop running
const API_HASH = "0123456789abcdef0123456789abcdef";
const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
const scenarios = JSON.parse(fs.readFileSync(scenariosPath, "utf8"));
const ports = Object.fromEntries(config.dcs.map((d) => [d.id, d.port]));
const host = config.dcs[0].host;

require("./gramjs_keys").addServerKeys(nodeDir, config.rsa_public_keys);

// GramJS dials port 80/443 whatever the session says: our subclass sends each DC to its port.
const BASES = { full: network.ConnectionTCPFull, abridged: network.ConnectionTCPAbridged, obfuscated: network.ConnectionTCPObfuscated };
const Base = BASES[transport];
if (!Base) throw new Error("unknown transport " + transport);
class LocalConnection extends Base {
  constructor(opts) {
    super({ ...opts, ip: host, port: ports[opts.dcId] });
  }
}

// Every request that fails, the update loop's included (they all go through invoke), is listed
// in c.failed as "Request: ERROR".
function recordFailures(c) {
  c.failed = [];
  const invoke = c.invoke.bind(c);
  c.invoke = async (request, ...rest) => {
    try {
      return await invoke(request, ...rest);
    } catch (e) {
      c.failed.push(`${request.className}: ${e.errorMessage || e}`);
      throw e;
    }
  };
  return c;
}

// Logged in: let the update loop run, then report what failed meanwhile.
async function idle(c, facts) {
  const before = c.failed.length;
  await new Promise((r) => setTimeout(r, IDLE_MS));
  facts.idle_failed = c.failed.slice(before);
  facts.still_connected = Number((await c.getMe()).id.toString());
}

function client(saved, dc) {
  const session = new StringSession(saved || "");
  // The string session cannot hold a port above 32767; the real port comes from LocalConnection.
  if (!saved) session.setDC(dc, host, 443);
  return recordFailures(new TelegramClient(session, API_ID, API_HASH, {
    connection: LocalConnection,
    // GramJS keeps the DH key as a minimal big-endian byte string, so one handshake in 256
    // fails its own new_nonce_hash check (against Telegram too) and it must reconnect.
    connectionRetries: 5,
    requestRetries: 3, // PHONE_MIGRATE uses one retry
    retryDelay: 0,
    timeout: 10,
    autoReconnect: false,
    baseLogger: new Logger("error"),
  }));
}

const name = (e) => e.errorMessage || String(e);

function userFacts(me) {
  return {
    id: Number(me.id.toString()),
    phone: me.phone || null,
    first_name: me.firstName,
    bot: !!me.bot,
    self: !!me.self,
    access_hash_set: me.accessHash !== undefined && !me.accessHash.isZero(),
  };
}

async function phoneLogin(acc, startDc) {
  const c = client("", startDc);
  await c.connect();
  const errors = [];
  await c.start({
    phoneNumber: acc.phone,
    phoneCode: async () => acc.code,
    onError: async (e) => {
      errors.push(name(e));
      return true;
    },
  });
  const facts = userFacts(await c.getMe());
  facts.dc = c.session.dcId;
  facts.errors = errors;
  return [c, facts];
}

async function phoneReuseLogout(acc) {
  let [c, facts] = await phoneLogin(acc, 1);
  const saved = c.session.save();
  await c.destroy();

  // Reuse: a new client on the saved string, no login, getMe works.
  c = client(saved);
  await c.connect();
  facts.reuse = userFacts(await c.getMe());
  facts.reuse_authorized = await c.checkAuthorization();
  const out = await c.invoke(new Api.auth.LogOut());
  facts.logged_out = out.className === "auth.LoggedOut";
  await c.destroy();

  // The key is refused after logOut.
  c = client(saved);
  await c.connect();
  try {
    await c.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] }));
    facts.after_logout = "accepted";
  } catch (e) {
    facts.after_logout = name(e);
    facts.after_logout_code = e.code;
  }
  facts.after_logout_authorized = await c.checkAuthorization();
  await c.destroy();
  return facts;
}

// The phone is homed on another DC than the one the client starts on (acc.start_dc): the client
// must follow PHONE_MIGRATE_X there.
async function migrate(acc) {
  const [c, facts] = await phoneLogin(acc, acc.start_dc || 1);
  await idle(c, facts);
  facts.get_me_after = Number((await c.getMe()).id.toString());
  await c.destroy();
  return facts;
}

async function twoFactor(acc) {
  const c = client("", 1);
  await c.connect();
  const facts = {};
  const creds = { apiId: API_ID, apiHash: API_HASH };
  try {
    const sent = await c.sendCode(creds, acc.phone);
    try {
      await c.invoke(new Api.auth.SignIn({ phoneNumber: acc.phone, phoneCodeHash: sent.phoneCodeHash, phoneCode: acc.code }));
      facts.needed = null;
    } catch (e) {
      facts.needed = name(e);
    }
    // First the wrong password (must be refused), then the right one.
    const tries = [acc.password + "-wrong", acc.password];
    const errors = [];
    const hints = [];
    const me = await c.signInWithPassword(creds, {
      password: async (hint) => {
        hints.push(hint);
        return tries.shift();
      },
      onError: async (e) => {
        errors.push(name(e));
        return tries.length === 0;
      },
    });
    Object.assign(facts, userFacts(me));
    facts.wrong = errors[0] || "accepted";
    facts.errors = errors;
    facts.hint = hints[0];
    facts.get_me_after = Number((await c.getMe()).id.toString());
  } finally {
    await c.destroy();
  }
  return facts;
}

async function bot(b) {
  const c = client("", 1);
  await c.connect();
  const facts = {};
  const creds = { apiId: API_ID, apiHash: API_HASH };
  try {
    try {
      await c.signInBot(creds, { botAuthToken: b.token.slice(0, -1) + (b.token.endsWith("A") ? "B" : "A") });
      facts.bad_token = "accepted";
    } catch (e) {
      facts.bad_token = name(e);
    }
    const me = await c.signInBot(creds, { botAuthToken: b.token });
    Object.assign(facts, userFacts(me));
    facts.username = me.username;
    await idle(c, facts);
    facts.get_me_after = Number((await c.getMe()).id.toString());
  } finally {
    await c.destroy();
  }
  return facts;
}

// A number with no account: signIn answers auth.authorizationSignUpRequired, GramJS asks for the
// names, signs up and accepts the terms of service (its start() path).
async function signUp(acc) {
  const c = client("", 1);
  await c.connect();
  try {
    const errors = [];
    let asked = false;
    await c.start({
      phoneNumber: acc.phone,
      phoneCode: async () => acc.code,
      firstAndLastNames: async () => {
        asked = true;
        return [acc.first_name, acc.last_name];
      },
      onError: async (e) => {
        errors.push(name(e));
        return true;
      },
    });
    const me = await c.getMe();
    const facts = userFacts(me);
    facts.last_name = me.lastName;
    facts.names_asked = asked;
    facts.errors = errors;
    facts.authorized = await c.checkAuthorization();
    return facts;
  } finally {
    await c.destroy();
  }
}

async function main() {
  const out = { client: "gramjs", version, transport };
  const runs = {
    phone: () => phoneReuseLogout(scenarios.phone),
    migrate: () => migrate(scenarios.migrate),
    two_factor: () => twoFactor(scenarios.two_factor),
    bot: () => bot(scenarios.bot),
    sign_up: () => signUp(scenarios.sign_up),
  };
  for (const [key, run] of Object.entries(runs)) {
    if (!(key in scenarios)) continue;
    let timer;
    try {
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("scenario timed out")), 60000);
      });
      out[key] = await Promise.race([run(), timeout]);
    } catch (e) {
      out[key] = { error: String(e && e.stack ? e.stack : e) };
    } finally {
      clearTimeout(timer);
    }
  }
  fs.writeFileSync(path.join(workdir, "result.json"), JSON.stringify(out));
  process.exit(0);  // GramJS keeps timers (update loop) alive after destroy
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
