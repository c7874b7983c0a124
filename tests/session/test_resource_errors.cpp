// A process out of descriptors cannot open a session file; that says nothing about the file.
// The error is RESOURCE_DESCRIPTORS (exit 71), never SESSION_CORRUPT, and the same file reads
// fine once descriptors are free again. Likewise permissions are SESSION_UNREADABLE.
#include <unistd.h>

#include <chrono>
#include <vector>

#include "session_test_util.hpp"
#include "test_support.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/location.hpp"
#include "tgs/session/store.hpp"

namespace tgs::session::test {
namespace {

class ResourceErrors : public TempDir {};

using tgs::test::DescriptorsExhausted;

TEST_F(ResourceErrors, OutOfDescriptorsIsNotCorrupt) {
    const auto p = path("ok.session");
    save(p, sample_session(), Format::Telethon);
    const auto expected = open_read_only(p).data;
    // UBSan's vptr check reads a type it has not seen yet through a pipe, which fails without
    // descriptors (a false "invalid vptr"): let it see a thrown and caught error first.
    EXPECT_EQ(error_code_of([&] { open_read_only(path("missing.session")); }), "SESSION_NOT_FOUND");
    {
        DescriptorsExhausted full;
        EXPECT_EQ(error_code_of([&] { open_read_only(p); }), "RESOURCE_DESCRIPTORS");
        EXPECT_EQ(error_code_of([&] { detect_file_format(p); }), "RESOURCE_DESCRIPTORS");
    }
    EXPECT_EQ(open_read_only(p).data, expected);
}

TEST_F(ResourceErrors, AFolderListedOutOfDescriptorsIsNotAnEmptyFolder) {
    // `convert DIR DST` goes through sessions_in: an empty answer here converted nothing and
    // exited 0.
    const auto dir = path("fleet");
    std::filesystem::create_directory(dir);
    save(dir / "a.session", sample_session(), Format::Telethon);
    ASSERT_EQ(sessions_in(dir.string())->size(), 1u);
    {
        DescriptorsExhausted full;
        EXPECT_EQ(error_code_of([&] { sessions_in(dir.string()); }), "RESOURCE_DESCRIPTORS");
        EXPECT_EQ(error_code_of([&] { for_each_session_in(dir.string(), [](const auto&) {}); }),
                  "RESOURCE_DESCRIPTORS");
    }
    EXPECT_EQ(sessions_in(dir.string())->size(), 1u);
}

TEST_F(ResourceErrors, AFolderListsItsDanglingLinksForTheReaderToReport) {
    const auto dir = path("fleet");
    std::filesystem::create_directory(dir);
    save(dir / "a.session", sample_session(), Format::Telethon);
    std::filesystem::create_symlink(dir / "gone", dir / "b.session");
    std::filesystem::create_directory(dir / "c.session");  // a folder is never a session
    const auto members = sessions_in(dir.string());
    ASSERT_TRUE(members);
    EXPECT_EQ(*members, (std::vector<std::string>{(dir / "a.session").string(),
                                                  (dir / "b.session").string()}));
    EXPECT_EQ(error_code_of([&] { open_read_only(members->at(1)); }), "SESSION_NOT_FOUND");
}

TEST_F(ResourceErrors, UnreadableIsNotCorrupt) {
    if (::geteuid() == 0) GTEST_SKIP() << "root reads any file";
    const auto p = path("locked.session");
    save(p, sample_session(), Format::Telethon);
    std::filesystem::permissions(p, std::filesystem::perms::none);
    EXPECT_EQ(error_code_of([&] { open_read_only(p); }), "SESSION_UNREADABLE");
}

TEST_F(ResourceErrors, ReadingNeverWaitsForAWriter) {
    // Another program holds a write transaction (a RESERVED lock and a journal beside the
    // file): the read neither blocks nor calls the file corrupt.
    const auto p = path("busy.session");
    save(p, sample_session(), Format::Telethon);
    const auto expected = open_read_only(p).data;
    SQLite::Database writer(p.string(), SQLite::OPEN_READWRITE);
    writer.exec("begin immediate; update sessions set port = port + 1");
    const auto start = std::chrono::steady_clock::now();
    std::string code;
    try {
        const auto d = open_read_only(p).data;
        EXPECT_EQ(d, expected) << "the last committed state";
    } catch (const Error& e) {
        code = e.code();
    }
    EXPECT_TRUE(code.empty() || code == "SESSION_BUSY") << code;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(500));
    writer.exec("rollback");
    EXPECT_EQ(open_read_only(p).data, expected);
}

}  // namespace
}  // namespace tgs::session::test
