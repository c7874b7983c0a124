// Loads a session string with real GramJS (npm telegram) and prints what it understood.
// usage: node gramjs_check.js <string>   ->  {"dc","address","port","key"}
const path = require("path");
const { StringSession } = require(path.join(__dirname, "../node/node_modules/telegram/sessions"));

(async () => {
    const s = new StringSession(process.argv[2]);
    await s.load();
    const key = s.authKey ? s.authKey.getKey() : null;
    console.log(JSON.stringify({
        dc: s.dcId,
        address: s.serverAddress,
        port: s.port,
        key: key ? Buffer.from(key).toString("hex") : "",
        resaved: s.save(),
    }));
})().catch((e) => {
    console.error(e);
    process.exit(1);
});
