// Real mtcute (npm @mtcute/node 0.30.3, pinned in tests/interop/node) logs in through the test
// DC's MTProxy port (tgsession-testdc --mtproxy) with its MtProxyTcpTransport: obfuscated
// intermediate for a plain secret, padded intermediate for `dd`, and for `ee` its own fake-TLS
// ClientHello, ServerHello HMAC check and TLS records (@mtcute/core network/mtproxy).
//
// usage: node mtcute_mtproxy.mjs NODE_DIR CONFIG_JSON SECRET PHONE CODE WAIT_MS
// Prints one JSON line: {"id", "dc"} once logged in, or {"error"} (a thrown error, or no
// answer within WAIT_MS).
import fs from "fs";
import path from "path";

import { addServerKeys } from "./mtcute_keys.mjs";

const [nodeDir, configPath, secret, phone, code, waitMs] = process.argv.slice(2);
const { TelegramClient, MemoryStorage, MtProxyTcpTransport } = await import(
  path.join(nodeDir, "node_modules/mtcute-node/index.js"));
const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
await addServerKeys(nodeDir, config.rsa_public_keys);

// Through an MTProxy the address is the proxy's; mtcute puts only the DC id in the header.
const dc1 = { id: 1, ipAddress: config.mtproxy.host, port: config.mtproxy.port, ipv6: false };
let failure = null;
const tg = new TelegramClient({
  apiId: 12345,
  apiHash: "0123456789abcdef0123456789abcdef",
  storage: new MemoryStorage(),
  defaultDcs: { main: dc1, media: dc1 },
  transport: new MtProxyTcpTransport({ host: config.mtproxy.host, port: config.mtproxy.port, secret }),
  logLevel: 0,
});
// A failed connection (e.g. the ServerHello did not verify) is reported here, not thrown.
tg.onError.add((e) => {
  failure ??= String(e && e.message ? e.message : e);
});

async function login() {
  const me = await tg.start({ phone: () => phone, code: () => code });
  return { id: Number(me.id), dc: (tg.mt ? tg : tg._client).mt.network.getPrimaryDcId() };
}

const noAnswer = new Promise((resolve) =>
  setTimeout(() => resolve({ error: failure ?? `no answer in ${waitMs} ms` }), Number(waitMs)));
const out = await Promise.race([login(), noAnswer]).catch((e) => ({ error: String(e) }));
console.log(JSON.stringify(out));
process.exit(0);
