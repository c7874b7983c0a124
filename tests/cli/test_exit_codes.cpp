#include <gtest/gtest.h>

#include <filesystem>
#include <new>
#include <system_error>

#include "exit_codes.hpp"
#include "tgs/error.hpp"
#include "tgs/rpc_error.hpp"
#include "tgs/session/errors.hpp"

namespace tgsession {
namespace {

TEST(ExitCodes, DesignValues) {
    EXPECT_EQ(kExitOk, 0);
    EXPECT_EQ(kExitNotAuthorized, 1);
    EXPECT_EQ(kExitUsage, 64);
    EXPECT_EQ(kExitBadInput, 65);
    EXPECT_EQ(kExitNoInput, 66);
    EXPECT_EQ(kExitUnavailable, 69);
    EXPECT_EQ(kExitResource, 71);
    EXPECT_EQ(kExitCannotWrite, 73);
    EXPECT_EQ(kExitTempFail, 75);
    EXPECT_EQ(kExitRejected, 77);
}

TEST(ExitCodes, RunningOutOfResourcesIs71NeverACorruptFile) {
    for (const char* code : {"RESOURCE_DESCRIPTORS", "RESOURCE_MEMORY", "RESOURCE_THREADS"}) {
        EXPECT_EQ(classify(tgs::Error(code, "x")).exit_code, 71) << code;
    }
    EXPECT_EQ(classify(std::bad_alloc()).code, "RESOURCE_MEMORY");
    EXPECT_EQ(classify(std::bad_alloc()).exit_code, 71);
    const std::system_error no_thread(
        std::make_error_code(std::errc::resource_unavailable_try_again));
    EXPECT_EQ(classify(no_thread).code, "RESOURCE_THREADS");
    EXPECT_EQ(classify(no_thread).exit_code, 71);
    const std::system_error no_fd(std::make_error_code(std::errc::too_many_files_open));
    EXPECT_EQ(classify(no_fd).code, "RESOURCE_DESCRIPTORS");
    // Session-file outcomes that are not about the bytes have their own codes too.
    EXPECT_EQ(exit_code_for("SESSION_UNREADABLE"), 66);
    EXPECT_EQ(exit_code_for("SESSION_BUSY"), 75);
    EXPECT_EQ(exit_code_for("STATUS_LIST_MISSING"), 66);
}

TEST(ExitCodes, FloodWaitCarriesRetryAfter) {
    const tgs::RpcError e(420, "FLOOD_WAIT_42");
    const auto f = classify(e);
    EXPECT_EQ(f.exit_code, 75);
    EXPECT_EQ(f.code, "RPC_FLOOD_WAIT");
    ASSERT_TRUE(f.retry_after);
    EXPECT_EQ(*f.retry_after, 42);
}

TEST(ExitCodes, RejectedCredentials) {
    for (const char* m : {"PHONE_CODE_INVALID", "PHONE_CODE_EXPIRED", "PASSWORD_HASH_INVALID",
                          "ACCESS_TOKEN_INVALID", "PHONE_NUMBER_INVALID"}) {
        EXPECT_EQ(classify(tgs::RpcError(400, m)).exit_code, 77) << m;
    }
}

TEST(ExitCodes, NotAuthorized) {
    for (const char* m : {"AUTH_KEY_UNREGISTERED", "SESSION_REVOKED", "AUTH_KEY_DUPLICATED",
                          "USER_DEACTIVATED_BAN"}) {
        EXPECT_EQ(classify(tgs::RpcError(401, m)).exit_code, 1) << m;
    }
    EXPECT_EQ(classify(tgs::RpcError(401, "SOMETHING_NEW")).exit_code, 1);
}

TEST(ExitCodes, UnknownRpcByNumericCode) {
    EXPECT_EQ(classify(tgs::RpcError(500, "INTERNAL")).exit_code, 69);
    EXPECT_EQ(classify(tgs::RpcError(-503, "Timeout")).exit_code, 69);
    EXPECT_EQ(classify(tgs::RpcError(420, "NEW_WAIT_X_7")).exit_code, 75);
    EXPECT_EQ(classify(tgs::RpcError(400, "SOME_BAD_REQUEST")).exit_code, 65);
}

TEST(ExitCodes, LibraryErrorsByLayer) {
    EXPECT_EQ(classify(tgs::Error("NET_CONNECT_FAILED", "x")).exit_code, 69);
    EXPECT_EQ(classify(tgs::Error("HANDSHAKE_NONCE_MISMATCH", "x")).exit_code, 69);
    EXPECT_EQ(classify(tgs::Error("TRANSPORT_FRAME_TOO_LARGE", "x")).exit_code, 69);
    EXPECT_EQ(classify(tgs::Error("SESSION_NOT_FOUND", "x")).exit_code, 66);
    EXPECT_EQ(classify(tgs::Error("SESSION_CORRUPT", "x")).exit_code, 65);
    EXPECT_EQ(classify(tgs::Error("SESSION_FOREIGN", "x")).exit_code, 65);
    EXPECT_EQ(classify(tgs::Error("SESSION_UNSUPPORTED_VERSION", "x")).exit_code, 65);
    EXPECT_EQ(classify(tgs::Error("SESSION_LOCKED", "x")).exit_code, 73);
    EXPECT_EQ(classify(tgs::Error("SESSION_WRITE_FAILED", "x")).exit_code, 73);
    EXPECT_EQ(classify(tgs::Error("SESSION_SEAL_WRONG_PASSPHRASE", "x")).exit_code, 77);
    EXPECT_EQ(classify(tgs::Error("SESSION_SEAL_TAMPERED", "x")).exit_code, 65);
    EXPECT_EQ(classify(tgs::Error("SESSION_SEAL_KEY_REQUIRED", "x")).exit_code, 64);
    EXPECT_EQ(classify(tgs::Error("SESSION_FORMAT_READ_ONLY", "x")).exit_code, 64);
    EXPECT_EQ(classify(tgs::Error("SOMETHING_ELSE", "x")).exit_code, 70);
}

TEST(ExitCodes, UsageAndFilesystem) {
    EXPECT_EQ(classify(UsageError("missing --phone")).exit_code, 64);
    const std::filesystem::filesystem_error missing(
        "x", std::make_error_code(std::errc::no_such_file_or_directory));
    EXPECT_EQ(classify(missing).exit_code, 66);
    const std::filesystem::filesystem_error denied(
        "x", std::make_error_code(std::errc::permission_denied));
    EXPECT_EQ(classify(denied).exit_code, 73);
    EXPECT_EQ(classify(std::runtime_error("boom")).exit_code, 70);
}

}  // namespace
}  // namespace tgsession

namespace tgsession {
namespace {

// Proxy failures (lib/net/src/proxy_tunnel.hpp): refused credentials are 77 like any rejected
// credential, a malformed URL is usage, everything else is the network's 69.
TEST(ExitCodes, ProxyFailures) {
    EXPECT_EQ(exit_code_for("NET_PROXY_AUTH_REFUSED"), kExitRejected);
    for (const char* code :
         {"NET_PROXY_UNREACHABLE", "NET_PROXY_CONNECT_REFUSED", "NET_PROXY_TLS_UNVERIFIED",
          "NET_PROXY_PROTOCOL", "NET_PROXY_CLOSED", "TRANSPORT_BAD_PROXY_SECRET"}) {
        EXPECT_EQ(exit_code_for(code), kExitUnavailable) << code;
    }
    EXPECT_EQ(exit_code_for("PROXY_BAD_URL"), kExitUsage);
}

}  // namespace
}  // namespace tgsession

namespace tgsession {
namespace {

// Telegram Desktop folders: the passcode cases are not the generic 65 of a bad file.
TEST(ExitCodes, TdataFolders) {
    namespace errc = tgs::session::errc;
    EXPECT_EQ(exit_code_for(std::string(errc::tdata_wrong_passcode)), kExitRejected);
    EXPECT_EQ(exit_code_for(std::string(errc::tdata_passcode_required)), kExitUsage);
    EXPECT_EQ(exit_code_for(std::string(errc::tdata_no_account)), kExitUsage);
    for (auto code : {errc::tdata_checksum, errc::tdata_unsupported, errc::tdata_corrupt,
                      errc::tdata_no_user}) {
        EXPECT_EQ(exit_code_for(std::string(code)), kExitBadInput) << code;
    }
}

}  // namespace
}  // namespace tgsession
