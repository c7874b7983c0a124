// Real mtcute (npm @mtcute/node 0.30.3, TL layer 227, pinned in tests/interop/node) logs in to
// tgsession-testdc, then keeps its update loop running for a few seconds.
//
// usage: node mtcute_login.mjs NODE_DIR CONFIG_JSON TRANSPORT WORKDIR SCENARIOS_JSON
//   TRANSPORT: intermediate | padded | obfuscated
// Writes WORKDIR/result.json with the facts each scenario observed (or "error"); the C++ test
// asserts on them. Every RPC that fails is recorded (method + error) by a network middleware.
import fs from "fs";
import path from "path";

import { addServerKeys } from "./mtcute_keys.mjs";

const [nodeDir, configPath, transport, workdir, scenariosPath] = process.argv.slice(2);
const mod = (name) => import(path.join(nodeDir, "node_modules", name));
// @mtcute/node is installed as "mtcute-node" (see tests/interop/node/package.json), with its
// own @mtcute/core next to it.
const node = await mod("mtcute-node/index.js");
const { version } = JSON.parse(
  fs.readFileSync(path.join(nodeDir, "node_modules/mtcute-node/package.json"), "utf8"),
);
const {
  TelegramClient, TcpTransport, MemoryStorage, IntermediatePacketCodec,
  PaddedIntermediatePacketCodec, ObfuscatedPacketCodec, networkMiddlewares,
} = node;

const API_ID = 12345;
const API_HASH = "0123456789abcdef0123456789abcdef";
const UPDATE_LOOP_MS = 3000;
const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
const scenarios = JSON.parse(fs.readFileSync(scenariosPath, "utf8"));
const dcOption = (id) => {
  const d = config.dcs.find((x) => x.id === id);
  return { id: d.id, ipAddress: d.host, port: d.port, ipv6: false };
};

const CODECS = {
  intermediate: () => new IntermediatePacketCodec(),
  padded: () => new PaddedIntermediatePacketCodec(),
  obfuscated: () => new ObfuscatedPacketCodec(new IntermediatePacketCodec()),
};
if (!CODECS[transport]) throw new Error("unknown transport " + transport);
class LocalTransport extends TcpTransport {
  packetCodec() {
    return CODECS[transport]();
  }
}

const name = (e) => (e && (e.text || e.message)) || String(e);

await addServerKeys(nodeDir, config.rsa_public_keys);

function client(failed) {
  const tg = new TelegramClient({
    apiId: API_ID,
    apiHash: API_HASH,
    storage: new MemoryStorage(),
    defaultDcs: { main: dcOption(1), media: dcOption(1) },
    transport: new LocalTransport(),
    logLevel: 1, // errors only
    network: {
      middlewares: [
        async (ctx, next) => {
          try {
            return await next(ctx);
          } catch (e) {
            failed.push(`${ctx.request._} ${name(e)}`);
            throw e;
          }
        },
        ...networkMiddlewares.basic(),
      ],
    },
  });
  return tg;
}

// The DC the client ended up on (after PHONE_MIGRATE).
function primaryDc(tg) {
  const base = tg.mt ? tg : tg._client;
  return base.mt.network.getPrimaryDcId();
}

function userFacts(me) {
  return {
    id: Number(me.id),
    phone: me.raw.phone || null,
    first_name: me.firstName,
    bot: !!me.isBot,
    self: !!me.isSelf,
    access_hash_set: me.raw.accessHash !== undefined && me.raw.accessHash !== 0n &&
      String(me.raw.accessHash) !== "0",
  };
}

// Logged in: let the update loop (getState, getDifference, pings) run, then report what failed.
async function idle(tg, facts, failed) {
  const before = failed.length;
  await new Promise((r) => setTimeout(r, UPDATE_LOOP_MS));
  facts.idle_failed = failed.slice(before);
  facts.still_connected = Number((await tg.getMe()).id);
}

async function phoneLogin(acc) {
  const failed = [];
  const tg = client(failed);
  const errors = [];
  const me = await tg.start({
    phone: () => acc.phone,
    code: () => acc.code,
    password: () => acc.password,
    invalidCodeCallback: async (type) => errors.push(type),
  });
  const facts = userFacts(me);
  await idle(tg, facts, failed);
  facts.dc = primaryDc(tg);
  facts.failed = failed;
  facts.errors = errors;
  return [tg, facts, failed];
}

async function phoneLogout(acc) {
  const [tg, facts, failed] = await phoneLogin(acc);
  facts.logged_out = await tg.logOut();
  await tg.destroy();
  facts.failed = failed;
  return facts;
}

async function migrate(acc) {
  const [tg, facts] = await phoneLogin(acc);
  facts.get_me_after = Number((await tg.getMe()).id);
  await tg.destroy();
  return facts;
}

async function twoFactor(acc) {
  const failed = [];
  const tg = client(failed);
  const tries = [acc.password + "-wrong", acc.password];
  const wrong = [];
  const me = await tg.start({
    phone: () => acc.phone,
    code: () => acc.code,
    password: () => tries.shift(),
    invalidCodeCallback: async (type) => wrong.push(type),
  });
  const facts = userFacts(me);
  facts.wrong = wrong[0] || "accepted";
  facts.failed_during_login = failed.slice();
  await idle(tg, facts, failed);
  facts.get_me_after = Number((await tg.getMe()).id);
  await tg.destroy();
  return facts;
}

async function bot(b) {
  const failed = [];
  const tg = client(failed);
  const facts = {};
  try {
    await tg.start({ botToken: b.token.slice(0, -1) + (b.token.endsWith("A") ? "B" : "A") });
    facts.bad_token = "accepted";
  } catch (e) {
    facts.bad_token = name(e);
  }
  await tg.destroy();
  const failed2 = [];
  const tg2 = client(failed2);
  const me = await tg2.start({ botToken: b.token });
  Object.assign(facts, userFacts(me));
  facts.username = me.username;
  await idle(tg2, facts, failed2);
  facts.get_me_after = Number((await tg2.getMe()).id);
  facts.failed = failed2;
  await tg2.destroy();
  return facts;
}

const out = { client: "mtcute", version, transport };
const runs = {
  phone: () => phoneLogout(scenarios.phone),
  migrate: () => migrate(scenarios.migrate),
  two_factor: () => twoFactor(scenarios.two_factor),
  bot: () => bot(scenarios.bot),
};
for (const [key, run] of Object.entries(runs)) {
  if (!(key in scenarios)) continue;
  let timer;
  try {
    const timeout = new Promise((_, reject) => {
      // Short enough that all four fit the C++ test's timeout and their results get written.
      timer = setTimeout(() => reject(new Error("scenario timed out")), 45000);
    });
    out[key] = await Promise.race([run(), timeout]);
  } catch (e) {
    out[key] = { error: String(e && e.stack ? e.stack : e) };
  } finally {
    clearTimeout(timer);
  }
  fs.writeFileSync(path.join(workdir, "result.json"), JSON.stringify(out));
}
fs.writeFileSync(path.join(workdir, "result.json"), JSON.stringify(out));
process.exit(0);
