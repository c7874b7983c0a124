// The `configs` file body: tdesktop MTP::Config (version 1) around DcOptions (version 2, which
// added the stored RSA keys). Facts from tdesktop v4.6.5 mtproto_config.cpp and
// mtproto_dc_options.cpp.
#include <string>

#include "tdata_parts.hpp"
#include "tdata_qt_stream.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"

namespace tgs::session::tdata::detail {
namespace {

constexpr std::int32_t kConfigVersion = 1;
constexpr std::int32_t kDcOptionsVersion = 2;
constexpr std::int32_t kMaxIpSize = 45;      // the app rejects longer addresses
constexpr std::int32_t kMaxSecretSize = 32;  // and longer MTProxy secrets

[[noreturn]] void unsupported(const std::string& what, const std::string& why) {
    throw tgs::Error(std::string(errc::tdata_unsupported), what + ": " + why);
}

Bytes encode_dc_options(const MtpConfig& c) {
    QtWriter w;
    w.i32(-kDcOptionsVersion);
    w.i32(static_cast<std::int32_t>(c.dc_options.size()));
    for (const auto& o : c.dc_options) {
        w.i32(o.dc_id);
        w.i32(o.flags);
        w.i32(o.port);
        w.i32(static_cast<std::int32_t>(o.ip.size()));
        w.raw(as_bytes(o.ip));
        w.i32(static_cast<std::int32_t>(o.secret.size()));
        w.raw(o.secret);
    }
    w.i32(static_cast<std::int32_t>(c.rsa_keys.size()));
    for (const auto& k : c.rsa_keys) {
        w.i32(k.dc_id);
        w.bytes(k.n);
        w.bytes(k.e);
    }
    return w.take();
}

void decode_dc_options(ByteView serialized, MtpConfig& c, const std::string& what) {
    QtReader r(serialized, what + " (DC options)");
    const auto first = r.i32();
    // Version 0 had no version field: the first value is the count. Negated as 64 bits:
    // -INT32_MIN does not fit an int32 (found by fuzz_tdata under UBSan).
    const std::int64_t version = first < 0 ? -std::int64_t{first} : 0;
    if (version > kDcOptionsVersion) {
        unsupported(what, "DC options version " + std::to_string(version) + " (known: up to " +
                              std::to_string(kDcOptionsVersion) + ")");
    }
    const std::int32_t count = version > 0 ? r.i32() : first;
    if (count < 0 || count > 10000) r.fail("bad DC option count");
    for (std::int32_t i = 0; i < count; ++i) {
        DcOption o;
        o.dc_id = r.i32();
        o.flags = r.i32();
        o.port = r.i32();
        const auto ip_size = r.i32();
        if (ip_size <= 0 || ip_size > kMaxIpSize) r.fail("bad DC address length");
        const auto ip = r.raw(static_cast<std::size_t>(ip_size));
        o.ip.assign(ip.begin(), ip.end());
        if (version > 0) {
            const auto secret_size = r.i32();
            if (secret_size < 0 || secret_size > kMaxSecretSize) r.fail("bad DC secret length");
            o.secret = r.raw(static_cast<std::size_t>(secret_size));
        }
        c.dc_options.push_back(std::move(o));
    }
    if (!r.at_end() && version > 1) {
        const auto keys = r.i32();
        if (keys < 0 || keys > 10000) r.fail("bad stored RSA key count");
        for (std::int32_t i = 0; i < keys; ++i) {
            StoredRsaKey k;
            k.dc_id = r.i32();
            k.n = r.bytes();
            k.e = r.bytes();
            if (k.n.empty() || k.e.empty()) r.fail("empty stored RSA key");
            c.rsa_keys.push_back(std::move(k));
        }
    }
}

// tdesktop 4.6.5 ConfigFields defaults, in Config::serialize order: 19 i32 values, the t.me
// prefix, 6 i32 values, the TXT domain, 3 i32 values, the default reaction, its custom id.
Bytes default_fields(bool test) {
    QtWriter w;
    for (std::int32_t v : {200, 10000, 100, 120000, 5000, 30000, 1000, 300000, 30000, 1500, 200,
                           172800, 172800, 172800, 0, 30, 5, 5, 100}) {
        w.i32(v);
    }
    w.qstring(u"https://t.me/");
    for (std::int32_t v : {86400 * 7, 20000, 90000, 30000, 10000, test ? 2 : 4}) w.i32(v);
    w.qstring(test ? u"tapv3.stel.com" : u"apv3.stel.com");
    for (std::int32_t v : {1, 0, 1024}) w.i32(v);
    w.qstring(u"\U0001F44D");  // the thumbs-up emoji as UTF-16
    w.u64(0);
    return w.take();
}

struct BuiltIn {
    int id;
    const char* ip;
};
// The addresses the app has built in (tdesktop mtproto_dc_options.cpp kBuiltInDcs*), port 443.
constexpr BuiltIn kProduction[] = {{1, "149.154.175.50"}, {2, "149.154.167.51"},
                                   {2, "95.161.76.100"},  {3, "149.154.175.100"},
                                   {4, "149.154.167.91"}, {5, "149.154.171.5"}};
constexpr BuiltIn kProductionV6[] = {{1, "2001:0b28:f23d:f001:0000:0000:0000:000a"},
                                     {2, "2001:067c:04e8:f002:0000:0000:0000:000a"},
                                     {3, "2001:0b28:f23d:f003:0000:0000:0000:000a"},
                                     {4, "2001:067c:04e8:f004:0000:0000:0000:000a"},
                                     {5, "2001:0b28:f23f:f005:0000:0000:0000:000a"}};
constexpr BuiltIn kTest[] = {{1, "149.154.175.10"}, {2, "149.154.167.40"}, {3, "149.154.175.117"}};
constexpr BuiltIn kTestV6[] = {{1, "2001:0b28:f23d:f001:0000:0000:0000:000e"},
                               {2, "2001:067c:04e8:f002:0000:0000:0000:000e"},
                               {3, "2001:0b28:f23d:f003:0000:0000:0000:000e"}};

}  // namespace

Bytes encode_config(const MtpConfig& c) {
    QtWriter w;
    w.i32(kConfigVersion);
    w.i32(c.test_environment ? 1 : 0);
    w.bytes(encode_dc_options(c));
    w.raw(c.fields.empty() ? default_fields(c.test_environment) : c.fields);
    return w.take();
}

MtpConfig decode_config(ByteView serialized, const std::string& what) {
    QtReader r(serialized, what);
    const auto version = r.i32();
    if (version != kConfigVersion) {
        unsupported(what, "config version " + std::to_string(version) +
                              " (known: " + std::to_string(kConfigVersion) + ")");
    }
    const auto environment = r.i32();
    if (environment != 0 && environment != 1) {
        unsupported(what, "unknown environment " + std::to_string(environment));
    }
    MtpConfig c;
    c.test_environment = environment == 1;
    decode_dc_options(r.bytes(), c, what);
    const auto rest = r.rest();
    c.fields.assign(rest.begin(), rest.end());
    return c;
}

}  // namespace tgs::session::tdata::detail

namespace tgs::session::tdata {

MtpConfig default_config(bool test_environment) {
    MtpConfig c;
    c.test_environment = test_environment;
    const auto add = [&](const auto& list, std::int32_t flags) {
        for (const auto& dc : list) c.dc_options.push_back({dc.id, flags, dc.ip, 443, {}});
    };
    add(test_environment ? std::span<const detail::BuiltIn>(detail::kTest)
                         : std::span<const detail::BuiltIn>(detail::kProduction),
        kFlagStatic);
    add(test_environment ? std::span<const detail::BuiltIn>(detail::kTestV6)
                         : std::span<const detail::BuiltIn>(detail::kProductionV6),
        kFlagStatic | kFlagIpv6);
    c.fields = detail::default_fields(test_environment);
    return c;
}

}  // namespace tgs::session::tdata
