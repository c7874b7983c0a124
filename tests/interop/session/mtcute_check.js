// Decodes a session string with @mtcute/convert's own parsers.
// usage: node mtcute_check.js telethon|gramjs|pyrogram <string>
const path = require("path");
process.env.NODE_NO_WARNINGS = "1";
const c = require(path.join(__dirname, "../node/node_modules/@mtcute/convert"));

const kind = process.argv[2];
const str = process.argv[3];
const hex = (u8) => Buffer.from(u8).toString("hex");
let out;
if (kind === "telethon" || kind === "gramjs") {
    const s = kind === "telethon" ? c.parseTelethonSession(str) : c.parseGramjsSession(str);
    out = { dc: s.dcId, address: s.ipAddress, port: s.port, ipv6: s.ipv6, key: hex(s.authKey) };
} else if (kind === "pyrogram") {
    const s = c.parsePyrogramSession(str);
    out = { dc: s.dcId, api_id: s.apiId, test: s.isTest, user_id: s.userId, bot: s.isBot, key: hex(s.authKey) };
} else {
    throw new Error("unknown kind " + kind);
}
console.log(JSON.stringify(out));
