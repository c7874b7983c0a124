// The recorded constructor history (lib/tl/schema/history/layer_history.tl) and the layered
// encoder that answers in it. tlgen already refuses a line whose id is not its CRC32; here the
// history is checked against the client schemas kept separately (l144.tl for Telethon 1.25,
// l198.tl for GramJS, api.tl for layer 228) and the encoder against the history.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "tgs/error.hpp"
#include "tgs/tl/layered.hpp"

namespace {

namespace fs = std::filesystem;
using namespace tgs;
using namespace tgs::tl::layered;

std::map<std::string, std::uint32_t> ids_in(const fs::path& file) {
    std::map<std::string, std::uint32_t> out;
    std::ifstream in(file);
    std::string line;
    const std::regex head(R"(^([A-Za-z0-9_.]+)#([0-9a-f]+) )");
    std::smatch m;
    while (std::getline(in, line)) {
        if (line.rfind("---functions---", 0) == 0) break;
        if (std::regex_search(line, m, head)) {
            out[m[1]] = static_cast<std::uint32_t>(std::stoul(m[2], nullptr, 16));
        }
    }
    return out;
}

TEST(LayerHistory, CoversLayers133To228) {
    EXPECT_EQ(history().min_layer, 133);
    EXPECT_EQ(history().max_layer, 228);
    EXPECT_GT(history().count, 40u);
}

TEST(LayerHistory, AgreesWithEachClientSchemaInItsLayer) {
    const fs::path dir = TGS_TL_SCHEMA_DIR;
    for (const auto& [file, layer] : std::vector<std::pair<std::string, int>>{
             {"l144.tl", 144}, {"l198.tl", 198}, {"api.tl", 228}}) {
        std::size_t compared = 0;
        for (const auto& [name, id] : ids_in(dir / file)) {
            const auto* v = version_at(name, layer);
            if (!v) continue;  // not something the test DC emits
            ++compared;
            EXPECT_EQ(v->id, id) << name << " in layer " << layer << " (" << file << ")";
        }
        EXPECT_GE(compared, 10u) << file;
    }
}

TEST(LayerHistory, UserIsTheLayersOwnVersion) {
    // The issue's example: layer 227 has no linked_community_id.
    ASSERT_NE(version_at("user", 227), nullptr);
    EXPECT_EQ(version_at("user", 227)->id, 0x31774388u);
    EXPECT_EQ(version_at("user", 228)->id, 0xb1b8cc83u);
    EXPECT_EQ(version_at("user", 144)->id, 0x3ff6ecb0u);
    EXPECT_EQ(version_at("user", 198)->id, 0x4b46c37eu);
    // Layers not yet known to the history are answered in the nearest recorded one.
    EXPECT_EQ(version_at("user", 0)->id, 0xb1b8cc83u);
    EXPECT_EQ(version_at("user", 500)->id, 0xb1b8cc83u);
    EXPECT_EQ(version_at("user", 100)->id, 0x3ff6ecb0u);
}

TEST(LayerHistory, VersionsOfOneConstructorDoNotOverlap) {
    const auto& h = history();
    for (int layer = h.min_layer; layer <= h.max_layer; ++layer) {
        std::set<std::string> seen;
        for (std::size_t i = 0; i < h.count; ++i) {
            const auto& v = h.versions[i];
            if (!v.valid_at(layer)) continue;
            EXPECT_TRUE(seen.insert(v.name).second) << v.name << " twice in layer " << layer;
        }
    }
}

TEST(LayerHistory, NamesEveryMethodOfTheNewestLayer) {
    // So the test DC can say which method it does not answer; such names are never answered.
    ASSERT_NE(name_of(0xfef48f62u), nullptr);
    EXPECT_STREQ(name_of(0xfef48f62u), "messages.sendMessage");
    EXPECT_EQ(version_at("messages.sendMessage", 228), nullptr);
    EXPECT_EQ(version_by_id(0xfef48f62u, 228), nullptr);
    // An older id of a method the test DC answers is known by name too.
    EXPECT_STREQ(name_of(0x98914110u), "help.getAppConfig");
}

TEST(LayeredEncoder, DropsFieldsALayerLacksAndRecomputesFlags) {
    auto u = obj("user", {{"self", true},
                          {"id", std::int64_t{42}},
                          {"first_name", "Ann"},
                          {"linked_community_id", std::int64_t{7}}});
    for (int layer : {133, 144, 198, 227, 228}) {
        SCOPED_TRACE(layer);
        const Bytes b = encode(*u, layer);
        const auto back = decode(b, layer);
        EXPECT_EQ(back->name, "user");
        EXPECT_EQ(std::get<std::int64_t>(back->fields.at("id")), 42);
        EXPECT_EQ(std::get<std::string>(back->fields.at("first_name")), "Ann");
        EXPECT_TRUE(std::get<bool>(back->fields.at("self")));
        EXPECT_EQ(back->fields.count("linked_community_id"), layer >= 228 ? 1u : 0u);
    }
    // The bytes differ between 227 and 228 only by the id and the unset flags2 bit.
    EXPECT_NE(encode(*u, 227), encode(*u, 228));
}

TEST(LayeredEncoder, RefusesWhatALayerDoesNotHave) {
    // auth.loggedOut arrived in layer 135 (auth.logOut returned Bool before).
    EXPECT_EQ(version_at("auth.loggedOut", 134), nullptr);
    try {
        encode(*obj("auth.loggedOut"), 134);
        FAIL() << "expected TL_LAYER_UNKNOWN_CONSTRUCTOR";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), "TL_LAYER_UNKNOWN_CONSTRUCTOR");
    }
    // A nested object of the wrong type, and a required object that is missing.
    EXPECT_THROW(encode(*obj("auth.authorization", {{"user", obj("boolTrue")}}), 228), Error);
    EXPECT_THROW(encode(*obj("auth.authorization"), 228), Error);
    // Decoding refuses an id from another layer.
    EXPECT_THROW(decode(encode(*obj("user", {{"id", std::int64_t{1}}}), 228), 227), Error);
}

}  // namespace
