// Store locations (postgresql:// URLs) through the location-generic API, without a server: the
// path rule, collections, names, the password kept out of every printed location and error,
// and the errors a bad URL or an unreachable server give.
#include <gtest/gtest.h>

#include <algorithm>

#include "session_test_util.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/format.hpp"
#include "tgs/session/location.hpp"
#include "tgs/session/store.hpp"

namespace tgs::session {
namespace {
using test::error_code_of;

TEST(StoreLocation, PathRuleKeepsUrlsAndDropsThePassword) {
    EXPECT_EQ(session_path("postgresql://ann:Sup3r-Secret@db.example:5433/tg?session=a").string(),
              "postgresql://ann@db.example:5433/tg?session=a");
    EXPECT_EQ(session_path("postgres://db/tg?session=a.b&table_prefix=x_").string(),
              "postgres://db/tg?session=a.b&table_prefix=x_");
    EXPECT_EQ(session_path("plain").string(), "plain.session");
    EXPECT_EQ(session_path("dir/").string(), "dir/");
    EXPECT_TRUE(is_store_location("postgresql://db/tg"));
    EXPECT_FALSE(is_store_location("tg.session"));
}

TEST(StoreLocation, CollectionsAndNames) {
    EXPECT_TRUE(is_collection("postgresql://db/tg"));
    EXPECT_TRUE(is_collection("postgresql://db/tg?table_prefix=p_"));
    EXPECT_FALSE(is_collection("postgresql://db/tg?session=a"));
    EXPECT_EQ(session_in("postgresql://db/tg", "w 1/ü"),
              "postgresql://db/tg?session=w%201%2F%C3%BC");
    EXPECT_EQ(session_in("postgresql://u@db/tg?table_prefix=p_", "a"),
              "postgresql://u@db/tg?table_prefix=p_&session=a");
    EXPECT_EQ(session_name("postgresql://db/tg?session=w%201%2F%C3%BC"), "w 1/ü");
    EXPECT_EQ(session_name("/x/y/bob.session"), "bob");
    EXPECT_EQ(session_in("/x", "bob"), "/x/bob.session");
}

TEST(StoreLocation, FormatIsKnownWithoutConnecting) {
    EXPECT_EQ(detect_file_format("postgresql://127.0.0.1:1/tg?session=a"),
              Format::TelethonSqlalchemy);
    EXPECT_EQ(format_name(Format::TelethonSqlalchemy), "telethon-sqlalchemy");
    EXPECT_EQ(parse_format("telethon-sqlalchemy"), Format::TelethonSqlalchemy);
    SessionData d;
    d.takeout_id = 5;
    const auto dropped = dropped_fields(d, Format::TelethonSqlalchemy);
    EXPECT_NE(std::find(dropped.begin(), dropped.end(), "takeout_id"), dropped.end());
}

TEST(StoreLocation, BadUrlsAreUsageErrors) {
    for (const char* bad :
         {"postgresql://db/tg?session=a&table_prefix=x;drop", "postgresql://db?session=a",
          "postgresql://db/tg?session=", "postgresql://db/tg?session=a&password=x"}) {
        EXPECT_EQ(error_code_of([&] { open_read_only(bad); }), errc::store_url_invalid) << bad;
    }
    // A store, not a session: reading or locking one needs session=.
    EXPECT_EQ(error_code_of([] { open_read_only("postgresql://127.0.0.1:1/tg"); }),
              errc::store_url_invalid);
}

TEST(StoreLocation, UnreachableServerIsUnavailableAndNeverShowsThePassword) {
    const std::string url = "postgresql://ann:Sup3r-Secret@127.0.0.1:1/tg?session=a";
    try {
        open_read_only(url);
        FAIL() << "read from a closed port";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), errc::store_unavailable);
        EXPECT_EQ(std::string(e.what()).find("Sup3r-Secret"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("postgresql://ann@127.0.0.1:1/tg"), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace tgs::session
