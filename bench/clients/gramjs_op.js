// One timed operation done by GramJS (npm `telegram`) against tgsession-testdc.
//
// usage: node gramjs_op.js NODE_DIR OP CONFIG_JSON TRANSPORT SESSION_FILE [ARG]
//   NODE_DIR      directory whose node_modules holds `telegram` (tests/interop/node)
//   OP            login (ARG = phone; code per the test DC convention) | bot (ARG = token)
//                 | status (SESSION_FILE holds an authorized string session)
//   SESSION_FILE  login/bot write the string session here; status reads it
// Prints one JSON line {"op_s": ..., "import_s": ...}; exits non-zero unless the operation
// really succeeded, so a failure is never timed as a result.
"use strict";
const t0 = process.hrtime.bigint();
const seconds = (from) => Number(process.hrtime.bigint() - from) / 1e9;

const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const [nodeDir, op, configPath, transport, sessionFile, arg] = process.argv.slice(2);
const load = (name) => require(path.join(nodeDir, "node_modules", name));
const { TelegramClient, Api, Logger } = load("telegram");
const network = load("telegram/network");
const RSA = load("telegram/crypto/RSA");
const { StringSession } = load("telegram/sessions");
const bigInt = load("big-integer");
const importSeconds = seconds(t0);

const API = { apiId: 12345, apiHash: "0123456789abcdef0123456789abcdef" };
const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
const portOf = new Map(config.dcs.map((d) => [d.id, d.port]));
const host = config.dcs[0].host;
const FIRST_DC = portOf.has(2) ? 2 : config.dcs[0].id;

// A TL `bytes` field: length byte (or 254 + 3-byte length), data, zero padding to 4.
function tlBytes(buf) {
  const n = buf.length;
  const head = n < 254 ? Buffer.from([n]) : Buffer.from([254, n & 0xff, (n >> 8) & 0xff, n >> 16]);
  const padded = Buffer.concat([head, buf]);
  return Buffer.concat([padded, Buffer.alloc((4 - (padded.length % 4)) % 4)]);
}

// GramJS only knows Telegram's keys: add the test DC's under its fingerprint (the low 64 bits
// of SHA1(n as TL bytes + e as TL bytes), signed, as a decimal string).
function trustServerKey(pem) {
  const jwk = crypto.createPublicKey({ key: pem, format: "pem", type: "pkcs1" }).export({ format: "jwk" });
  const n = Buffer.from(jwk.n, "base64url");
  const e = Buffer.from(jwk.e, "base64url");
  const sha = crypto.createHash("sha1").update(Buffer.concat([tlBytes(n), tlBytes(e)])).digest();
  RSA._serverKeys.set(sha.readBigInt64LE(12).toString(), {
    n: bigInt(n.toString("hex"), 16),
    e: parseInt(e.toString("hex"), 16),
  });
}

// In Node, GramJS connects to port 80 whatever the session holds; send every DC to the port
// the test DC listens on instead.
const transports = {
  full: network.ConnectionTCPFull,
  abridged: network.ConnectionTCPAbridged,
  obfuscated: network.ConnectionTCPObfuscated,
};
function connectionClass() {
  const Base = transports[transport];
  if (!Base) throw new Error(`GramJS has no ${transport} transport`);
  return class TestDcConnection extends Base {
    constructor(opts) {
      super({ ...opts, ip: host, port: portOf.get(opts.dcId) });
    }
  };
}

function makeClient(saved) {
  const session = new StringSession(saved);
  // The string form keeps the port in 2 bytes; the real one comes from TestDcConnection.
  // A new session starts on DC 2, where tgsession and Telethon start theirs (GramJS's own
  // default is DC 4, which the test DC does not have): every tool then follows the same
  // PHONE_MIGRATE to the number's home DC, with a second key, as with the real Telegram.
  if (!saved) session.setDC(FIRST_DC, host, 443);
  return new TelegramClient(session, API.apiId, API.apiHash, {
    connection: connectionClass(),
    connectionRetries: 5, // 1 handshake in 256 fails GramJS's own key check; it reconnects
    requestRetries: 2, // GramJS counts the retry after a PHONE_MIGRATE / USER_MIGRATE as one
    timeout: 10,
    autoReconnect: false,
    baseLogger: new Logger("none"),
  });
}

const conventionCode = (phone) => phone[5].repeat(5);

async function login(phone) {
  const c = makeClient("");
  await c.connect();
  try {
    const sent = await c.sendCode(API, phone);
    const auth = await c.invoke(
      new Api.auth.SignIn({ phoneNumber: phone, phoneCodeHash: sent.phoneCodeHash, phoneCode: conventionCode(phone) }),
    );
    if (!auth.user || auth.user.phone !== phone.replace(/^\+/, "")) throw new Error("login returned the wrong user");
    fs.writeFileSync(sessionFile, c.session.save(), { mode: 0o600 });
  } finally {
    await c.destroy();
  }
}

async function bot(token) {
  const c = makeClient("");
  await c.connect();
  try {
    const me = await c.signInBot(API, { botAuthToken: token });
    if (!me.bot) throw new Error("bot login did not return a bot");
    fs.writeFileSync(sessionFile, c.session.save(), { mode: 0o600 });
  } finally {
    await c.destroy();
  }
}

async function status() {
  const c = makeClient(fs.readFileSync(sessionFile, "utf8").trim());
  await c.connect();
  try {
    if (!(await c.checkAuthorization())) throw new Error("session not authorized");
  } finally {
    await c.destroy();
  }
}

async function main() {
  config.rsa_public_keys.forEach(trustServerKey);
  const t = process.hrtime.bigint();
  if (op === "login") await login(arg);
  else if (op === "bot") await bot(arg);
  else if (op === "status") await status();
  else throw new Error(`unknown op ${op}`);
  console.log(JSON.stringify({ op_s: seconds(t), import_s: importSeconds }));
}

// If GramJS stops with nothing left to wait on, node would just exit 0: make that a failure.
process.on("beforeExit", () => {
  console.error(`gramjs: ${op} never finished`);
  process.exit(1);
});

main().then(
  () => process.exit(0), // GramJS leaves timers behind after destroy()
  (e) => {
    console.error(`gramjs: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  },
);
