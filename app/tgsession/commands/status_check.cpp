#include "status_check.hpp"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <memory>
#include <optional>

#include "tdata_source.hpp"
#include "tgs/auth/async_client.hpp"
#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"

namespace tgsession {
namespace {

namespace errc = tgs::session::errc;

// Times a -404 ("key unknown") is asked before status believes it.
constexpr int kKeyUnknownAsks = 2;

bool has_key(const tgs::session::SessionData& d) {
    return d.auth_key && !d.auth_key->all_zero();
}

void fill_from_file(StatusReport& r, const tgs::session::LoadedSession& s) {
    r.format = std::string(tgs::session::format_name(s.format));
    if (s.data.dc_id != 0) r.dc_id = s.data.dc_id;
    if (!s.data.server_address.empty()) r.server_address = s.data.server_address;
    if (s.data.port != 0) r.port = s.data.port;
    if (has_key(s.data)) r.auth_key_id = auth_key_id_hex(*s.data.auth_key);
    if (s.data.user) {
        r.user_id = s.data.user->id;
        if (!s.data.user->username.empty()) r.username = s.data.user->username;
        if (s.data.user->bot) r.bot = *s.data.user->bot;
    }
    if (s.file_mode == 0) return;  // not a file (a database location)
    r.file_mode = file_mode_text(s.file_mode);
    if ((s.file_mode & (S_IRGRP | S_IROTH)) != 0) {
        spdlog::warn("{} is readable by other users; it holds an auth key (chmod 600 it)",
                     r.session);
    }
}

void set_failure(StatusResult& c, const std::exception& e) {
    const auto f = classify(e);
    c.exit_code = f.exit_code;
    c.report.state = f.exit_code == kExitUnavailable ? "unreachable" : "error";
    c.report.reason = f.code;
    c.report.message = f.message;
}

void set_no_key(StatusResult& c) {
    c.report.state = "not_authorized";
    c.report.reason = "no_key";
    c.exit_code = kExitNotAuthorized;
}

}  // namespace

bool SessionReader::have_seal_key() {
    const std::lock_guard lock(mutex_);
    if (!key_asked_) {
        key_asked_ = true;
        try {
            key_ = ctx_.seal_key();
            key_ready_.store(true, std::memory_order_release);
        } catch (const std::exception& e) {
            spdlog::debug("no seal key: {}", e.what());
        }
    }
    return key_.has_value();
}

tgs::session::LoadedSession SessionReader::load(std::size_t i) {
    tgs::session::FileIdentity file;
    std::optional<tgs::session::LoadedSession> loaded;
    std::exception_ptr failure;
    try {
        loaded = read(i, file);
    } catch (...) {
        failure = std::current_exception();
    }
    if (file.known() && read_before(i, file)) throw RepeatedFile{};
    if (failure) std::rethrow_exception(failure);
    return std::move(*loaded);
}

bool SessionReader::read_before(std::size_t i, const tgs::session::FileIdentity& file) {
    const std::lock_guard lock(files_mutex_);
    return files_.try_emplace(file, i).first->second != i;  // i again: a retry of its own check
}

tgs::session::LoadedSession SessionReader::read(std::size_t i, tgs::session::FileIdentity& file) {
    const std::string path = sessions_.location(i);
    if (is_tdata_source(path)) {
        const std::lock_guard lock(mutex_);  // may ask for the tdata passcode: one at a time
        return load_tdata(ctx_, path);
    }
    // Once set, key_ never changes: read without the lock after key_ready_ says so.
    if (key_ready_.load(std::memory_order_acquire)) {
        return sessions_.read(i, key_, &file);
    }
    try {
        return sessions_.read(i, std::nullopt, &file);
    } catch (const tgs::Error& e) {
        if (e.code() != errc::seal_key_required) throw;
    }
    if (!have_seal_key()) {
        throw tgs::Error(std::string(errc::seal_key_required),
                         path + " is sealed: give --passphrase-file or $TGSESSION_PASSPHRASE");
    }
    return sessions_.read(i, key_, &file);
}

namespace {
// What both checks start with: the file read and reported; nullopt when there is nothing more
// to ask (no key, or the file could not be read: `c` says which).
std::optional<tgs::session::LoadedSession> read_for_check(SessionReader& reader, std::size_t index,
                                                          StatusResult& c) {
    c.report.session = reader.location(index);
    try {
        auto loaded = reader.load(index);
        fill_from_file(c.report, loaded);
        if (has_key(loaded.data)) return loaded;
        set_no_key(c);
    } catch (const SessionReader::RepeatedFile&) {
        c.repeat = true;
    } catch (const std::exception& e) {
        set_failure(c, e);
    }
    return std::nullopt;
}
}  // namespace

StatusResult check_offline(SessionReader& reader, std::size_t index) {
    StatusResult c;
    if (const auto loaded = read_for_check(reader, index, c)) {
        c.report.state = loaded->data.user ? "has_key" : "has_key_no_user";
    }
    return c;
}

asio::awaitable<StatusResult> check_online(const tgs::auth::ClientConfig& config,
                                           SessionReader& reader, std::size_t index) {
    StatusResult c;
    const auto loaded = read_for_check(reader, index, c);
    if (!loaded) {
        reader.release(index);
        co_return c;
    }
    try {
        // A cached salt makes this one round trip (no bad_server_salt first).
        const auto salted = with_cached_salt(config, loaded->data);
        const auto cached_salt = salted.server_salt;
        std::unique_ptr<tgs::auth::AsyncClient> client;
        tgs::auth::AuthStatus st;
        std::int64_t salt = 0;
        // "Key unknown" comes as transport error -404, which nothing authenticates (anyone on
        // the path can send one: docs/transport-errors.md), so it is asked once more on a fresh
        // connection before it is reported. Only such files pay for the second connection.
        for (int ask = 1;; ++ask) {
            client = std::make_unique<tgs::auth::AsyncClient>(co_await asio::this_coro::executor,
                                                              salted, loaded->data);
            st = co_await client->authorization_status();
            salt = client->server_salt();
            client->drop_connection();  // the answer is in: no FIN exchange, no TIME_WAIT port
            if (st.state != tgs::auth::AuthState::KeyUnknown || ask == kKeyUnknownAsks) break;
        }
        if (st.state == tgs::auth::AuthState::Authorized) {
            remember_salt(client->session(), salt, cached_salt);
            c.report.state = "authorized";
            if (st.user) {
                c.report.user_id = st.user->id;
                c.report.username = st.user->username;
                c.report.bot = st.user->bot;
            }
        } else {
            c.report.state = "not_authorized";
            c.report.reason = tgs::auth::to_string(st.state);
            if (!st.server_error.empty()) c.report.message = st.server_error;
            c.exit_code = kExitNotAuthorized;
        }
    } catch (const std::exception& e) {
        set_failure(c, e);
    }
    reader.release(index);
    co_return c;
}

}  // namespace tgsession
