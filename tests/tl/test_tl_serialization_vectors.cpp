// Every row of tl_serialization.json, byte for byte, through Writer and back through Reader,
// and the derived examples through the generated api/mt structs.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "test_support.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/mt.hpp"
#include "tgs/tl/reader.hpp"
#include "tgs/tl/writer.hpp"

namespace {

using tgs::Bytes;
using tgs::tl::Reader;
using tgs::tl::Writer;

// "[127]" / "[]" -> the listed ints.
std::vector<std::int32_t> parse_int_list(const std::string& s) {
    std::vector<std::int32_t> out;
    auto open = s.find('['), close = s.find(']');
    std::string body = s.substr(open + 1, close - open - 1);
    std::size_t pos = 0;
    while (pos < body.size()) {
        auto comma = body.find(',', pos);
        std::string item =
            body.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        if (item.find_first_not_of(' ') != std::string::npos) out.push_back(std::stoi(item));
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    return out;
}

std::string quoted(const std::string& s) {
    auto a = s.find('\''), b = s.rfind('\'');
    return s.substr(a + 1, b - a - 1);
}

// Serializes the value a row describes, and checks Reader gives it back from `expected`.
Bytes write_row(const std::string& value, const Bytes& expected) {
    Writer w;
    Reader r(expected);
    auto rest = [&](std::size_t skip) { return value.substr(skip); };
    if (value.rfind("Bool true", 0) == 0) {
        w.write_bool(true);
        EXPECT_TRUE(r.read_bool());
    } else if (value.rfind("Bool false", 0) == 0) {
        w.write_bool(false);
        EXPECT_FALSE(r.read_bool());
    } else if (value.rfind("i32 ", 0) == 0) {
        auto v = static_cast<std::int32_t>(std::stoll(rest(4)));
        w.write_int32(v);
        EXPECT_EQ(r.read_int32(), v);
    } else if (value.rfind("u32 ", 0) == 0) {
        auto v = static_cast<std::uint32_t>(std::stoull(rest(4)));
        w.write_uint32(v);
        EXPECT_EQ(r.read_uint32(), v);
    } else if (value.rfind("i64 ", 0) == 0) {
        std::string s = rest(4);
        std::int64_t v =
            s == "-9223372036854775808" ? std::numeric_limits<std::int64_t>::min() : std::stoll(s);
        w.write_int64(v);
        EXPECT_EQ(r.read_int64(), v);
    } else if (value.rfind("f64 ", 0) == 0) {
        std::string s = rest(4);
        double v = s == "INFINITY"       ? std::numeric_limits<double>::infinity()
                   : s == "NEG_INFINITY" ? -std::numeric_limits<double>::infinity()
                                         : std::stod(s);
        w.write_double(v);
        EXPECT_EQ(r.read_double(), v);
    } else if (value.rfind("Vector<int>", 0) == 0) {
        auto items = parse_int_list(value);
        w.write_vector_header(items.size());
        for (auto i : items) w.write_int32(i);
        EXPECT_EQ(r.read_vector_header(), items.size());
        for (auto i : items) EXPECT_EQ(r.read_int32(), i);
    } else if (value.rfind("bare vector<int>", 0) == 0) {
        auto items = parse_int_list(value);
        w.write_uint32(static_cast<std::uint32_t>(items.size()));
        for (auto i : items) w.write_int32(i);
        EXPECT_EQ(r.read_bare_vector_count(), items.size());
        for (auto i : items) EXPECT_EQ(r.read_int32(), i);
    } else if (value.rfind("bytes ", 0) == 0) {
        std::string s = rest(6);
        Bytes v = s == "''" ? Bytes{} : tgs::from_hex(s);
        w.write_bytes(v);
        EXPECT_EQ(r.read_bytes(), v);
    } else if (value.rfind("string ", 0) == 0) {
        std::string v = quoted(value);
        w.write_string(v);
        EXPECT_EQ(r.read_string(), v);
    } else {
        ADD_FAILURE() << "row kind not understood: " << value;
    }
    EXPECT_TRUE(r.at_end()) << value;
    return w.take();
}

TEST(TlSerializationVectors, EveryRowByteForByte) {
    auto j = tgs::test::load_vectors("tl_serialization.json");
    int checked = 0;
    for (const auto& row : j.at("rows")) {
        std::string value = row.at("value");
        if (row.at("serialized").is_null()) continue;  // the long string: next test
        Bytes expected = tgs::test::hex(row.at("serialized"));
        EXPECT_EQ(tgs::to_hex(write_row(value, expected)), tgs::to_hex(expected)) << value;
        ++checked;
    }
    EXPECT_GE(checked, 30);
}

TEST(TlSerializationVectors, LongStringUsesFourByteHeader) {
    auto j = tgs::test::load_vectors("tl_serialization.json");
    bool seen = false;
    for (const auto& row : j.at("rows")) {
        if (!row.at("serialized").is_null()) continue;
        seen = true;
        std::size_t len = row.at("length");
        Bytes prefix = tgs::test::hex(row.at("prefix"));
        Bytes padding = tgs::test::hex(row.at("suffix_padding"));
        std::string s(len, 'x');
        Writer w;
        w.write_string(s);
        Bytes out = w.take();
        ASSERT_EQ(out.size(), prefix.size() + len + padding.size());
        EXPECT_EQ(Bytes(out.begin(), out.begin() + 4), prefix);
        EXPECT_EQ(Bytes(out.end() - static_cast<long>(padding.size()), out.end()), padding);
        Reader r(out);
        EXPECT_EQ(r.read_string(), s);
        EXPECT_TRUE(r.at_end());
    }
    EXPECT_TRUE(seen);
}

std::string derived(const std::string& starts_with) {
    auto j = tgs::test::load_vectors("tl_serialization.json");
    for (const auto& d : j.at("derived_examples_not_from_tests"))
        if (d.at("what").get<std::string>().rfind(starts_with, 0) == 0) return d.at("serialized");
    ADD_FAILURE() << "no derived example " << starts_with;
    return {};
}

TEST(TlSerializationVectors, InvokeWithLayerInitConnectionGetConfig) {
    namespace api = tgs::tl::api;
    api::initConnection init;
    init.api_id = 12345;
    init.device_model = "PC";
    init.system_version = "Linux";
    init.app_version = "1.0";
    init.system_lang_code = "en";
    init.lang_pack = "";
    init.lang_code = "en";
    init.query = tgs::tl::RawObject{api::serialize(api::help_getConfig{})};
    api::invokeWithLayer call{228, tgs::tl::RawObject{api::serialize(init)}};
    Bytes wire = api::serialize(call);
    EXPECT_EQ(tgs::to_hex(wire), derived("invokeWithLayer"));

    // And back: the outer call, then the wrapped initConnection, then the wrapped getConfig.
    Reader r(wire);
    auto back = api::read<api::invokeWithLayer>(r);
    EXPECT_EQ(back.layer, 228);
    Reader r2(back.query.data);
    auto init_back = api::read<api::initConnection>(r2);
    EXPECT_EQ(init_back, init);
    EXPECT_FALSE(init_back.proxy.has_value());
    Reader r3(init_back.query.data);
    EXPECT_NO_THROW(api::read<api::help_getConfig>(r3));
    EXPECT_TRUE(r3.at_end());
}

TEST(TlSerializationVectors, UsersGetUsersInputUserSelf) {
    namespace api = tgs::tl::api;
    api::users_getUsers call{{api::inputUserSelf{}}};
    Bytes wire = api::serialize(call);
    EXPECT_EQ(tgs::to_hex(wire), derived("inputUserSelf"));
    Reader r(wire);
    EXPECT_EQ(api::read<api::users_getUsers>(r), call);
}

TEST(TlSerializationVectors, PingAndMsgsAck) {
    namespace mt = tgs::tl::mt;
    Bytes ping = mt::serialize(mt::ping{0x0102030405060708});
    EXPECT_EQ(tgs::to_hex(ping), derived("ping#"));
    Bytes ack = mt::serialize(mt::msgs_ack{{1}});
    EXPECT_EQ(tgs::to_hex(ack), derived("msgs_ack"));
    Reader r(ack);
    auto back = mt::read<mt::MsgsAck>(r);
    EXPECT_EQ(std::get<mt::msgs_ack>(back).msg_ids, std::vector<std::int64_t>{1});
}

}  // namespace
