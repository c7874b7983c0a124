// Registers the test DC's RSA keys with mtcute (@mtcute/node 0.30.3, installed as mtcute-node
// with its own @mtcute/core): shared by the mtcute interop scripts (mtcute_login.mjs,
// mtcute_mtproxy.mjs).
import crypto from "crypto";
import path from "path";

export async function addServerKeys(nodeDir, pems) {
  const core = (name) => import(path.join(nodeDir, "node_modules/mtcute-node/node_modules/@mtcute/core", name));
  const utils = await core("utils.js");
  // Our server keys, next to Telegram's built-in ones (parsing only needs SHA-1).
  const sha1 = { sha1: (d) => new Uint8Array(crypto.createHash("sha1").update(d).digest()) };
  pems.forEach((pem) => utils.addPublicKey(sha1, pem));
  // mtcute 0.30.3 indexes keys by the zero-padded hex fingerprint but looks the server's up with
  // toString(16), which drops leading zeros: a key whose fingerprint starts with a 0 nibble (1 in
  // 16 of the test DC's random keys) is never found ("Could not find server public key"). Index
  // ours under the unpadded spelling too; Telegram's own keys are untouched.
  const rsaIndex = (await core("tl/binary/rsa-keys.js")).__publicKeyIndex;
  pems.forEach((pem) => {
    const key = utils.parsePublicKey(sha1, pem);
    rsaIndex[key.fingerprint.replace(/^0+(?=.)/, "")] = key;
  });
}
