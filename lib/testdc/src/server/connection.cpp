#include "connection.hpp"

#include <algorithm>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/redirect_error.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <chrono>

#include "request_name.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/errors.hpp"
#include "tgs/mtproto/handshake.hpp"
#include "tgs/testdc/cluster.hpp"

namespace tgs::testdc {

namespace {
mtproto::HandshakeServerOptions handshake_options(Cluster& server) {
    mtproto::HandshakeServerOptions o;
    o.faults.bad_dh_prime = server.options().faults.bad_dh_prime;
    o.faults.bad_g = server.options().faults.bad_g;
    o.auth_key_id_taken = [&server](std::uint64_t id) {
        std::lock_guard lock(server.handler().mutex());
        return server.state().find_auth_key(id) != nullptr;
    };
    return o;
}
}  // namespace

Connection::Connection(Cluster& server, asio::ip::tcp::socket socket, int dc)
    : server_(server),
      socket_(std::move(socket)),
      dc_(dc),
      wake_(socket_.get_executor()),
      disconnect_(socket_.get_executor()),
      idle_(socket_.get_executor()) {
    std::error_code ec;
    auto ep = socket_.remote_endpoint(ec);
    peer_ = ec ? "?" : ep.address().to_string();
    wake_.expires_at(asio::steady_timer::time_point::max());
}

void Connection::start() {
    auto self = shared_from_this();
    server_.track(self);
    asio::co_spawn(
        socket_.get_executor(), [self]() { return self->read_loop(); }, asio::detached);
    asio::co_spawn(
        socket_.get_executor(), [self]() { return self->write_loop(); }, asio::detached);
    watch_idle();
}

void Connection::watch_idle() {
    const int limit = server_.options().limits.idle_timeout_seconds;
    if (limit <= 0 || closing_) return;
    // One timer per connection, re-armed from the time of the last read when it fires (not
    // on every read): a busy connection costs nothing here.
    const auto deadline = last_read_ + std::chrono::seconds(limit);
    idle_.expires_at(deadline);
    std::weak_ptr<Connection> weak = shared_from_this();
    idle_.async_wait([weak, deadline](std::error_code ec) {
        auto self = weak.lock();
        if (ec || !self || self->closing_) return;
        if (self->last_read_ +
                std::chrono::seconds(self->server_.options().limits.idle_timeout_seconds) >
            deadline) {
            self->watch_idle();
            return;
        }
        self->log(LogLevel::Info, "idle timeout: closing");
        self->close();
    });
}

void Connection::close() {
    if (closing_) return;
    closing_ = true;
    std::error_code ec;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    socket_.close(ec);
    wake_.cancel();
    disconnect_.cancel();
    idle_.cancel();
    auto self = shared_from_this();
    if (attached_key_) server_.detach(*attached_key_, self);
    server_.untrack(self);
}

asio::awaitable<void> Connection::read_loop() {
    auto self = shared_from_this();
    // Not zero-filled: clearing 64 KB per connection was the DC's top user-space cost in a
    // fleet check (thousands of one-request connections).
    constexpr std::size_t kBufferSize = 64 * 1024;
    const auto buf = std::make_unique_for_overwrite<std::uint8_t[]>(kBufferSize);
    while (!closing_) {
        std::error_code ec;
        const auto n = co_await socket_.async_read_some(
            asio::buffer(buf.get(), kBufferSize), asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
        last_read_ = std::chrono::steady_clock::now();
        try {
            codec_.feed(ByteView(buf.get(), n));
            while (auto event = codec_.next()) {
                if (auto* p = std::get_if<transport::Packet>(&*event)) {
                    on_payload(std::move(p->payload));
                }
                if (closing_ || close_after_flush_) break;
            }
        } catch (const Error& e) {
            log(LogLevel::Debug, std::string("dropping connection: ") + e.code());
            break;
        }
        if (close_after_flush_) break;
    }
    if (close_after_flush_) {
        // Let the writer send the final packet (e.g. a transport error) first.
        close_after_flush_ = false;
        queue({});  // empty entry = close marker
        wake_.cancel();
    } else {
        close();
    }
}

asio::awaitable<void> Connection::write_loop() {
    auto self = shared_from_this();
    const auto latency = std::chrono::milliseconds(server_.options().latency_ms);
    while (!closing_) {
        if (out_.empty()) {
            std::error_code ec;
            co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            wake_.expires_at(asio::steady_timer::time_point::max());
            continue;
        }
        Bytes data = std::move(out_.front().data);
        const auto queued = out_.front().queued;
        out_.pop_front();
        out_bytes_ -= data.size();
        if (data.empty()) break;  // close marker
        if (latency.count() > 0) {
            // From the moment the packet was queued, so packets sent back to back arrive
            // together, as over a real link, instead of one latency each.
            asio::steady_timer delay(socket_.get_executor(), queued + latency);
            std::error_code ec;
            co_await delay.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        }
        std::error_code ec;
        co_await asio::async_write(socket_, asio::buffer(data),
                                   asio::redirect_error(asio::use_awaitable, ec));
        if (ec) break;
    }
    close();
}

void Connection::on_payload(Bytes payload) {
    static constexpr std::uint8_t kZeroKey[8] = {};
    if (payload.size() >= 8 && std::equal(payload.begin(), payload.begin() + 8, kZeroKey)) {
        on_unencrypted(payload);
    } else {
        on_encrypted(payload);
    }
}

void Connection::on_unencrypted(ByteView payload) {
    const auto now = server_.now_seconds();
    try {
        const auto msg = mtproto::unwrap_unencrypted(payload);
        if (!handshake_ || handshake_->state() == mtproto::HandshakeServer::State::Done) {
            handshake_.emplace(server_.rsa_keys(), crypto::system_random(),
                               handshake_options(server_));
        }
        auto step = handshake_->on_message(msg.body, now);
        send_payload(mtproto::wrap_unencrypted(
                         step.reply, mtproto::unencrypted_msg_id(static_cast<double>(now), true)),
                     false);
        if (step.done) {
            const auto& key = step.done->result.auth_key;
            server_.on_new_key(key.id(), Bytes(key.bytes().begin(), key.bytes().end()), dc_, now,
                               step.done->expires_in);
            first_salt_ = step.done->result.server_salt;
            log(LogLevel::Info, "new auth key");
        }
    } catch (const Error& e) {
        log(LogLevel::Info, std::string("handshake failed: ") + e.code());
        send_transport_error(mtproto::handshake_transport_error(e.code()));
    }
}

void Connection::on_encrypted(ByteView payload) {
    if (server_.forge_404()) {
        // --fault forge-404: the packet is dropped unread and answered as an attacker would.
        log(LogLevel::Warn, "forged transport error -404 (--fault forge-404)");
        send_transport_error(-404);
        return;
    }
    if (!session_) {
        // The session stays on the first key it sees: Telegram Desktop never changes keys on a
        // connection. Its SessionPrivate::applyAuthKey restarts (a new connection) when the key
        // changes and asserts the connection has not sent with another key id; on -404,
        // handleError drops the connection, then destroyTemporaryKey and restart() make the new
        // temporary key (DcKeyCreator) and bind it (DcKeyBinder) on a new connection.
        session_.emplace(
            [this](std::uint64_t id) -> std::optional<mtproto::AuthKey> {
                std::lock_guard lock(server_.handler().mutex());
                auto* rec = server_.state().find_auth_key(id);
                if (!rec || temp_key_expired(rec->expires_at)) return std::nullopt;
                key_expires_at_ = rec->expires_at;
                return mtproto::AuthKey(rec->key);
            },
            first_salt_.value_or(server_.salt()), server_.clock(), crypto::system_random());
        session_->set_salt(server_.salt());
    }
    if (temp_key_expired(key_expires_at_)) {
        // Telegram forgets a temporary key when it expires: from then on every packet on it
        // is answered -404, on a connection opened before too, until the client makes a new one.
        log(LogLevel::Info, "temporary auth key expired");
        send_transport_error(-404);
        return;
    }
    mtproto::ServerReceived received;
    try {
        received = session_->on_packet(payload);
    } catch (const Error& e) {
        log(LogLevel::Debug, std::string("dropped packet: ") + e.code());
        if (e.code() == mtproto::errc::msg_auth_key_unknown) send_transport_error(-404);
        return;
    }
    if (received.disconnect_delay) arm_disconnect(*received.disconnect_delay);
    const auto key_id = session_->auth_key_id();
    if (key_id && !attached_key_) {
        attached_key_ = *key_id;
        server_.attach(*key_id, shared_from_this());
    }
    for (const auto& req : received.requests) {
        CallContext ctx;
        ctx.dc_id = dc_;
        ctx.auth_key_id = key_id.value_or(0);
        ctx.msg_id = req.msg_id;
        ctx.session_id = session_->session_id().value_or(0);
        ctx.client_ip = peer_;
        ctx.now = server_.now_seconds();
        if (server_.log().enabled(LogLevel::Debug)) log(LogLevel::Debug, request_name(req.body));
        auto reply = server_.answer(ctx, req.body);
        if (reply.silent) continue;
        if (reply.error) {
            // The method's name too, so a method the test DC lacks is easy to spot with -v.
            log(LogLevel::Info, "rpc error " + std::to_string(reply.error_code) + " " +
                                    *reply.error + " (" + request_name(req.body) + ")");
            session_->reply_error(req.msg_id, reply.error_code, *reply.error);
        } else if (reply.plain) {
            session_->push_update(reply.body);
        } else {
            session_->reply_result(req.msg_id, reply.body);
        }
        for (const auto& p : reply.pushes) server_.deliver(p);
    }
    server_.save_state();
    flush_session();
}

void Connection::arm_disconnect(std::int32_t seconds) {
    // Telegram's keep-alive: clients send ping_delay_disconnect(delay 75) every 60 s, so the
    // connection only drops once they stop. Re-arming cancels the previous wait.
    disconnect_.expires_after(std::chrono::seconds(std::max(seconds, 0)));
    std::weak_ptr<Connection> weak = shared_from_this();
    disconnect_.async_wait([weak](std::error_code ec) {
        auto self = weak.lock();
        if (ec || !self) return;
        self->log(LogLevel::Debug, "ping_delay_disconnect expired");
        self->close();
    });
}

bool Connection::temp_key_expired(std::int64_t expires_at) const {
    return expires_at != 0 && server_.now_seconds() >= expires_at;
}

void Connection::log(LogLevel level, const std::string& what) const {
    const auto& sink = server_.log();
    if (sink.enabled(level)) sink(level, "dc" + std::to_string(dc_) + " " + peer_ + ": " + what);
}

void Connection::push(ByteView updates) {
    // Not on a key the DC has forgotten: the client hears -404 at its next packet instead.
    if (!session_ || closing_ || temp_key_expired(key_expires_at_)) return;
    session_->push_update(updates);
    flush_session();
}

void Connection::flush_session() {
    if (auto packet = session_->flush()) send_payload(std::move(*packet), true);
}

void Connection::send_payload(Bytes payload, bool encrypted) {
    if (closing_) return;
    const auto& faults = server_.options().faults;
    if (faults.drop_after > 0 && packets_sent_ >= faults.drop_after) {
        close_after_flush_ = true;
        queue({});
        wake_.cancel();
        return;
    }
    ++packets_sent_;
    if (encrypted && faults.garbage) crypto::secure_random(payload);
    if (encrypted && faults.wrong_msg_key && payload.size() > 8) payload[8] ^= 0x01;
    Bytes framed;
    codec_.encode(payload, framed);
    if (out_bytes_ + framed.size() > server_.options().limits.max_outbox_bytes) {
        log(LogLevel::Warn,
            "client is not reading (" + std::to_string(out_bytes_) + " bytes unsent): closing");
        close();
        return;
    }
    out_bytes_ += framed.size();
    queue(std::move(framed));
    wake_.cancel();
}

void Connection::queue(Bytes framed) {
    out_.push_back({std::move(framed), std::chrono::steady_clock::now()});
}

void Connection::send_transport_error(std::int32_t code) {
    if (closing_) return;
    Bytes framed;
    if (codec_.detected()) codec_.encode_error(code, framed);
    out_bytes_ += framed.size();
    if (!framed.empty()) queue(std::move(framed));
    close_after_flush_ = true;
    wake_.cancel();
}

}  // namespace tgs::testdc
