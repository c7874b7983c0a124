#include "session_test_util.hpp"
#include "tgs/session/strings.hpp"

namespace tgs::session::test {
namespace {

SessionData with_address(std::string addr, int port = 443) {
    auto d = sample_session(5);
    d.server_address = std::move(addr);
    d.port = port;
    return d;
}

TEST(TelethonString, Ipv4Is353CharsUrlSafePaddedAndRoundTrips) {
    const auto d = with_address("149.154.167.51");
    const auto s = encode_string(d, Format::TelethonString);
    EXPECT_EQ(s.size(), 353u);
    EXPECT_EQ(s[0], '1');
    EXPECT_EQ(s.back(), '=');
    EXPECT_EQ(s.find_first_of("+/"), std::string::npos);
    EXPECT_EQ(detect_string_format(s), Format::TelethonString);
    const auto back = decode_string(s);
    EXPECT_EQ(back.dc_id, 2);
    EXPECT_EQ(back.server_address, "149.154.167.51");
    EXPECT_EQ(back.port, 443);
    EXPECT_EQ(back.auth_key, d.auth_key);
}

TEST(TelethonString, KnownPrefixBytes) {
    // docs/session-formats.md §1.2: a DC2 149.154.167.51:443 string starts with bytes 02 95 9a a7
    // 33 01 bb.
    const auto s = encode_string(with_address("149.154.167.51"), Format::TelethonString);
    EXPECT_EQ(s.substr(0, 10), "1ApWapzMBu");
}

TEST(TelethonString, Ipv6Is369CharsAndCompressed) {
    const auto d = with_address("2001:067c:04e8:f002:0000:0000:0000:000a");
    const auto s = encode_string(d, Format::TelethonString);
    EXPECT_EQ(s.size(), 369u);
    EXPECT_EQ(detect_string_format(s), Format::TelethonString);
    EXPECT_EQ(decode_string(s).server_address, "2001:67c:4e8:f002::a");
}

TEST(TelethonString, RejectsHostnamesAndMissingKey) {
    EXPECT_EQ(
        error_code_of([] { encode_string(with_address("example.org"), Format::TelethonString); }),
        "SESSION_ADDRESS_INVALID");
    auto d = sample_session();
    d.auth_key.reset();
    EXPECT_EQ(error_code_of([&] { encode_string(d, Format::TelethonString); }),
              "SESSION_NO_AUTH_KEY");
}

TEST(TelethonString, UnpaddedIsInvalid) {
    auto s = encode_string(with_address("149.154.167.51"), Format::TelethonString);
    s.pop_back();
    EXPECT_EQ(error_code_of([&] { decode_string(s); }), "SESSION_STRING_INVALID");
}

TEST(GramjsString, StandardBase64TextIpAndTellsApartFromTelethonIpv6) {
    // "149.154.167.91" is 14 characters: the GramJS string is 369 chars, like a Telethon IPv6 one.
    const auto d = with_address("149.154.167.91");
    const auto s = encode_string(d, Format::GramjsString);
    EXPECT_EQ(s.size(), 369u);
    EXPECT_EQ(detect_string_format(s), Format::GramjsString);
    const auto t6 = encode_string(with_address("2001:67c:4e8:f002::a"), Format::TelethonString);
    EXPECT_EQ(detect_string_format(t6), Format::TelethonString);
    const auto back = decode_string(s);
    EXPECT_EQ(back.server_address, "149.154.167.91");
    EXPECT_EQ(back.port, 443);
    EXPECT_EQ(back.auth_key, d.auth_key);
}

TEST(GramjsString, OtherLengthsHostnamesAndPortLimit) {
    for (const std::string& addr :
         std::vector<std::string>{"127.0.0.1", "10.0.0.1", "vesta.web.telegram.org", "::ffff"}) {
        const auto s = encode_string(with_address(addr, 8443), Format::GramjsString);
        EXPECT_EQ(detect_string_format(s), Format::GramjsString) << addr;
        const auto back = decode_string(s);
        EXPECT_EQ(back.server_address, addr);
        EXPECT_EQ(back.port, 8443);
    }
    EXPECT_EQ(
        error_code_of([] { encode_string(with_address("1.2.3.4", 40000), Format::GramjsString); }),
        "SESSION_ADDRESS_INVALID");
}

TEST(GramjsString, ReadsTelethonStringsLikeGramjsDoes) {
    for (const std::string& addr :
         std::vector<std::string>{"149.154.167.51", "2001:67c:4e8:f002::a"}) {
        const auto t = encode_string(with_address(addr), Format::TelethonString);
        const auto back = decode_string(t, Format::GramjsString);
        EXPECT_EQ(back.server_address, addr);
        EXPECT_EQ(back.port, 443);
    }
}

TEST(PyrogramString, CurrentIs362UnpaddedWithApiIdUserAndBot) {
    auto d = sample_session(9);
    d.api_id = 12345;
    d.test_mode = false;
    const auto s = encode_string(d, Format::PyrogramString);
    EXPECT_EQ(s.size(), 362u);
    EXPECT_EQ(s.find('='), std::string::npos);
    EXPECT_EQ(s[0], 'A');
    EXPECT_EQ(detect_string_format(s), Format::PyrogramString);
    const auto back = decode_string(s);
    EXPECT_EQ(back.dc_id, 2);
    EXPECT_EQ(back.api_id, 12345);
    EXPECT_FALSE(back.test_mode);
    EXPECT_EQ(back.auth_key, d.auth_key);
    ASSERT_TRUE(back.user);
    EXPECT_EQ(back.user->id, 777000123);
    EXPECT_EQ(back.user->bot, true);
    EXPECT_EQ(back.server_address, "149.154.167.51");  // from Pyrogram's DC table
    EXPECT_EQ(back.port, 443);
}

// Old layouts built by hand from the struct formats in docs/session-formats.md §3.2.
std::string old_pyrogram(bool wide_user_id, std::uint64_t user_id) {
    Bytes raw{4, 1};  // dc 4, test_mode
    const auto k = key_bytes(3);
    raw.insert(raw.end(), k.begin(), k.end());
    for (int i = wide_user_id ? 7 : 3; i >= 0; --i)
        raw.push_back(static_cast<std::uint8_t>(user_id >> (8 * i)));
    raw.push_back(0);
    const std::string std64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    for (std::size_t i = 0; i < raw.size(); i += 3) {
        std::uint32_t v = raw[i] << 16;
        if (i + 1 < raw.size()) v |= raw[i + 1] << 8;
        if (i + 2 < raw.size()) v |= raw[i + 2];
        const std::size_t chars = std::min<std::size_t>(4, (raw.size() - i) * 4 / 3 + 1);
        for (std::size_t c = 0; c < chars; ++c) out += std64[(v >> (18 - 6 * c)) & 63];
    }
    return out;
}

TEST(PyrogramString, Old351And356Forms) {
    const auto s351 = old_pyrogram(false, 123456789);
    ASSERT_EQ(s351.size(), 351u);
    const auto s356 = old_pyrogram(true, 5000000000ull);
    ASSERT_EQ(s356.size(), 356u);
    for (const auto& [s, id] : {std::pair{s351, 123456789ll}, std::pair{s356, 5000000000ll}}) {
        EXPECT_EQ(detect_string_format(s), Format::PyrogramString);
        const auto d = decode_string(s);
        EXPECT_EQ(d.dc_id, 4);
        EXPECT_TRUE(d.test_mode);
        EXPECT_FALSE(d.api_id);
        ASSERT_TRUE(d.user);
        EXPECT_EQ(d.user->id, id);
        EXPECT_EQ(d.auth_key->view()[0], key_bytes(3)[0]);
    }
}

TEST(Strings, GarbageIsStringInvalid) {
    for (const std::string& s :
         std::vector<std::string>{"", "1", "hello", std::string(353, 'x'),
                                  "1" + std::string(352, '*'), std::string(362, '!')}) {
        EXPECT_EQ(error_code_of([&] { decode_string(s); }), "SESSION_STRING_INVALID") << s;
    }
}

TEST(Strings, WhitespaceAroundIsIgnored) {
    const auto s = encode_string(sample_session(), Format::TelethonString);
    EXPECT_EQ(decode_string("  " + s + "\n").dc_id, 2);
}

}  // namespace
}  // namespace tgs::session::test
