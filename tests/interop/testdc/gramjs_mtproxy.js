// Real GramJS (npm telegram 2.26.22, pinned in tests/interop/node) logs in through the test DC's
// MTProxy port (tgsession-testdc --mtproxy) with its own MTProxy connection: a client given
// `proxy: {ip, port, secret, MTProxy: true}` always uses ConnectionTCPMTProxyAbridged.
//
// usage: node gramjs_mtproxy.js NODE_DIR CONFIG_JSON SECRET PHONE CODE START_DC WAIT_MS
// Prints one JSON line: {"id", "dc"} once logged in, or {"error"} (a thrown error, or no
// answer within WAIT_MS).
"use strict";
const fs = require("fs");
const path = require("path");

const [nodeDir, configPath, secret, phone, code, startDc, waitMs] = process.argv.slice(2);
const mod = (name) => require(path.join(nodeDir, "node_modules", name));
const { TelegramClient, Logger } = mod("telegram");
const { StringSession } = mod("telegram/sessions");

const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
require("./gramjs_keys").addServerKeys(nodeDir, config.rsa_public_keys);

async function login() {
  const session = new StringSession("");
  // Through an MTProxy the address is the proxy's; GramJS puts only the DC id in the header.
  session.setDC(Number(startDc), config.mtproxy.host, 443);
  const c = new TelegramClient(session, 12345, "0123456789abcdef0123456789abcdef", {
    proxy: { ip: config.mtproxy.host, port: config.mtproxy.port, secret, MTProxy: true },
    connectionRetries: 1,
    requestRetries: 3, // PHONE_MIGRATE uses one retry
    retryDelay: 0,
    timeout: 10,
    autoReconnect: false,
    baseLogger: new Logger("none"),
  });
  await c.start({
    phoneNumber: phone,
    phoneCode: async () => code,
    onError: async (e) => {
      throw e;
    },
  });
  const me = await c.getMe();
  const facts = { id: Number(me.id.toString()), dc: c.session.dcId, connection: c._connection.name };
  await c.destroy();
  return facts;
}

const noAnswer = new Promise((resolve) =>
  setTimeout(() => resolve({ error: `no answer in ${waitMs} ms` }), Number(waitMs)));
Promise.race([login(), noAnswer])
  .catch((e) => ({ error: String(e && e.stack ? e.stack : e) }))
  .then((out) => {
    console.log(JSON.stringify(out));
    process.exit(0); // GramJS keeps timers alive after destroy
  });
