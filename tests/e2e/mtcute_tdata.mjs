// Reads a tdata folder with @mtcute/convert (a third-party implementation of the format) and
// prints its first account's authorization as one JSON line.
// usage: node mtcute_tdata.mjs NODE_MODULES_DIR TDATA_DIR
import crypto from "node:crypto";
import path from "node:path";

const [modules, folder] = process.argv.slice(2);
const load = (p) => import(path.join(modules, p));
const { Tdata } = await load("@mtcute/convert/tdesktop/tdata.js");
const { getDefaultCryptoProviderImpl } = await load("@mtcute/convert/utils/_crypto.js");
// @mtcute/node is installed under the alias mtcute-node (tests/interop/node/package.json).
const { NodeCryptoProvider } = await load("mtcute-node/utils.js");
const provider = getDefaultCryptoProviderImpl(crypto, NodeCryptoProvider);
if (provider.initialize) await provider.initialize();
const tdata = await Tdata.open({ path: folder, crypto: provider });
const auth = await tdata.readMtpAuthorization();
console.log(JSON.stringify({
    user: auth.userId.toString(),
    dc: auth.mainDcId,
    keys: auth.authKeys.map((k) => [k.dcId, Buffer.from(k.key).toString("hex")]),
}));
