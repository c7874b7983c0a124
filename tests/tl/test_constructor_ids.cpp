// Every constructor id in lib/tl/schema/*.tl is the CRC32 of its normalised line, the generated
// code uses that id, and each api/mt line is in the upstream schemas (tests/data/reference).
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "test_support.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/mt.hpp"
#if __has_include("tgs/tl/l198.hpp")
#include "tgs/tl/l198.hpp"
#define TGS_HAVE_L198 1
#endif
#if __has_include("tgs/tl/l144.hpp")
#include "tgs/tl/l144.hpp"
#define TGS_HAVE_L144 1
#endif

namespace {

namespace fs = std::filesystem;

struct Line {
    std::string name;
    bool has_id = false;
    std::uint32_t id = 0;
    std::string text;  // the statement without `;`
};

// Statements of a .tl file (one per line in our files), without comments and section markers.
std::vector<Line> statements(const fs::path& file) {
    std::ifstream in(file);
    std::vector<Line> out;
    std::string raw;
    static const std::regex head(R"(^([A-Za-z_][\w.]*)(#([0-9a-f]{1,8}))?(\s|$))");
    while (std::getline(in, raw)) {
        raw = raw.substr(0, raw.find("//"));
        auto semi = raw.rfind(';');
        if (semi == std::string::npos) continue;
        std::string text = raw.substr(0, semi);
        std::smatch m;
        if (!std::regex_search(text, m, head)) continue;
        if (text.find(" ? ") != std::string::npos || text.find('[') != std::string::npos) continue;
        Line l{m[1], m[3].matched, 0, text};
        if (l.has_id) l.id = static_cast<std::uint32_t>(std::stoul(m[3], nullptr, 16));
        out.push_back(l);
    }
    return out;
}

// Telegram's rule: drop `#id`, unwrap `{X:Type}`, drop `flags.N?true` fields, a field typed
// `bytes` counts as `string` (not inside Vector<>), `<` -> space, drop `>` and `%`.
std::string normalise(const std::string& text) {
    std::string s = std::regex_replace(text, std::regex(R"(^([\w.]+)#[0-9a-f]+)"), "$1");
    s = std::regex_replace(s, std::regex(R"(\{(\w+:Type)\})"), "$1");
    s = std::regex_replace(s, std::regex(R"( \w+:flags\d*\.\d+\?true(?=\s))"), "");
    s = std::regex_replace(s, std::regex(R"(([:?])bytes(?=\s))"), "$1string");
    s = std::regex_replace(s, std::regex("<"), " ");
    s = std::regex_replace(s, std::regex("[>%]"), "");
    s = std::regex_replace(s, std::regex(R"(\s+)"), " ");
    return std::regex_replace(s, std::regex(R"(^ | $)"), "");
}

std::uint32_t crc(const std::string& s) {
    return static_cast<std::uint32_t>(
        ::crc32(0, reinterpret_cast<const Bytef*>(s.data()), static_cast<uInt>(s.size())));
}

fs::path schema_dir() {
    return TGS_TL_SCHEMA_DIR;
}

using NameFn = const char* (*)(std::uint32_t);
const std::map<std::string, NameFn>& generated() {
    static const std::map<std::string, NameFn> m = {
        {"mt.tl", &tgs::tl::mt::constructor_name},
        {"api.tl", &tgs::tl::api::constructor_name},
#ifdef TGS_HAVE_L198
        {"l198.tl", &tgs::tl::l198::constructor_name},
#endif
#ifdef TGS_HAVE_L144
        {"l144.tl", &tgs::tl::l144::constructor_name},
#endif
    };
    return m;
}

TEST(ConstructorIds, RuleMatchesKnownIds) {
    EXPECT_EQ(crc(normalise("resPQ#05162463 nonce:int128 server_nonce:int128 pq:bytes "
                            "server_public_key_fingerprints:Vector<long> = ResPQ")),
              0x05162463u);
    EXPECT_EQ(crc(normalise("invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X")),
              0xda9b0d0du);
    EXPECT_EQ(crc(normalise("msg_container#73f1f8dc messages:vector<%message> = MessageContainer")),
              0x73f1f8dcu);
    EXPECT_EQ(crc(normalise("dcOption#18b7a10d flags:# ipv6:flags.0?true media_only:flags.1?true "
                            "tcpo_only:flags.2?true cdn:flags.3?true static:flags.4?true "
                            "this_port_only:flags.5?true id:int ip_address:string port:int "
                            "secret:flags.10?bytes = DcOption")),
              0x18b7a10du);
    EXPECT_EQ(crc(normalise("rsa_public_key n:string e:string = RSAPublicKey")), 0x7a19cb76u);
}

TEST(ConstructorIds, EverySchemaLineHasItsCrcAndTheGeneratedCodeUsesIt) {
    std::size_t files = 0;
    for (const auto& [file, name_of] : generated()) {
        auto lines = statements(schema_dir() / file);
        ASSERT_FALSE(lines.empty()) << file;
        ++files;
        for (const auto& l : lines) {
            std::uint32_t computed = crc(normalise(l.text));
            if (l.has_id) {
                EXPECT_EQ(computed, l.id) << file << ": " << l.text;
            }
            const char* generated_name = name_of(computed);
            static const std::set<std::string> builtin = {"boolFalse", "boolTrue", "true"};
            if (builtin.count(l.name)) continue;  // the generator maps these to bool
            ASSERT_NE(generated_name, nullptr) << file << ": no generated code for " << l.name;
            EXPECT_EQ(std::string(generated_name), l.name) << file;
        }
    }
    EXPECT_GE(files, 2u);
}

TEST(ConstructorIds, EverySchemaFileIsGenerated) {
    for (const auto& entry : fs::directory_iterator(schema_dir())) {
        if (entry.path().extension() != ".tl") continue;
        EXPECT_TRUE(generated().count(entry.path().filename().string()))
            << entry.path().filename() << " has no generated header in this test";
    }
}

std::map<std::string, std::set<std::uint32_t>> reference_ids(const std::vector<fs::path>& files) {
    std::map<std::string, std::set<std::uint32_t>> ids;
    for (auto& f : files)
        for (auto& l : statements(f)) ids[l.name].insert(l.has_id ? l.id : crc(normalise(l.text)));
    return ids;
}

const std::vector<std::string> kReferenceFiles = {"telegram_api.tl", "mtproto_api.tl",
                                                  "tdesktop/mtproto.tl", "gotd/mt.tl"};

fs::path reference_dir() {
    return tgs::test::data_dir() / "reference";
}

std::string contents(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The in-tree copies are the team's shared reference, unchanged (where that is beside the clone).
TEST(ConstructorIds, InTreeReferenceMatchesShared) {
    const fs::path shared = tgs::test::shared_reference_dir();
    if (shared.empty()) GTEST_SKIP() << "no ../shared/reference beside this clone";
    for (const auto& f : kReferenceFiles) {
        ASSERT_TRUE(fs::exists(reference_dir() / f)) << f;
        EXPECT_TRUE(contents(reference_dir() / f) == contents(shared / f)) << f << " differs";
    }
}

TEST(ConstructorIds, OurLinesAreInTheReferenceSchemas) {
    const fs::path ref = reference_dir();
    for (const auto& f : kReferenceFiles) ASSERT_TRUE(fs::exists(ref / f)) << f;

    // api.tl lines are copied verbatim from the layer-228 schema.
    std::set<std::string> api_ref;
    for (auto& l : statements(ref / "telegram_api.tl")) api_ref.insert(l.text);
    for (auto& l : statements(schema_dir() / "api.tl"))
        EXPECT_TRUE(api_ref.count(l.text)) << "not in layer 228: " << l.text;

    // mt.tl writes raw strings as `bytes`, so compare by name and id.
    auto mt_ref = reference_ids(
        {ref / "tdesktop" / "mtproto.tl", ref / "gotd" / "mt.tl", ref / "mtproto_api.tl"});
    for (auto& l : statements(schema_dir() / "mt.tl")) {
        std::uint32_t id = l.has_id ? l.id : crc(normalise(l.text));
        EXPECT_TRUE(mt_ref[l.name].count(id)) << "not in the MTProto references: " << l.text;
    }
}

}  // namespace
