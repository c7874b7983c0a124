// Registers the test DC's RSA keys with GramJS, which only knows Telegram's: shared by the
// GramJS interop scripts (gramjs_login.js, gramjs_mtproxy.js).
"use strict";
const crypto = require("crypto");
const path = require("path");

// TL `bytes` encoding (length prefix + padding to 4), as the fingerprint is sha1 over n and e.
function tlBytes(b) {
  const head = b.length < 254 ? Buffer.from([b.length]) : Buffer.from([254, b.length & 255, (b.length >> 8) & 255, b.length >> 16]);
  const body = Buffer.concat([head, b]);
  return Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
}

// Puts each PKCS#1 key in GramJS's fingerprint → {n, e} map.
function addServerKeys(nodeDir, pems) {
  const mod = (name) => require(path.join(nodeDir, "node_modules", name));
  const RSA = mod("telegram/crypto/RSA");
  const bigInt = mod("big-integer");
  for (const pem of pems) {
    const jwk = crypto.createPublicKey({ key: pem, format: "pem", type: "pkcs1" }).export({ format: "jwk" });
    const n = Buffer.from(jwk.n, "base64url");
    const e = Buffer.from(jwk.e, "base64url");
    const digest = crypto.createHash("sha1").update(Buffer.concat([tlBytes(n), tlBytes(e)])).digest();
    const fingerprint = digest.readBigInt64LE(12).toString();
    RSA._serverKeys.set(fingerprint, { n: bigInt(n.toString("hex"), 16), e: parseInt(e.toString("hex"), 16) });
  }
}

module.exports = { addServerKeys };
