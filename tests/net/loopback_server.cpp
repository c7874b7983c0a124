#include "loopback_server.hpp"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/redirect_error.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <chrono>

#include "tgs/error.hpp"
#include "tgs/mtproto/handshake.hpp"
#include "tgs/mtproto/handshake_server.hpp"
#include "tgs/mtproto/server_session.hpp"
#include "tgs/transport/server_codec.hpp"

namespace tgs::test {

const crypto::RsaPrivateKey& shared_test_key() {
    static const auto key = crypto::RsaPrivateKey::generate(2048);
    return key;
}

LoopbackServer::LoopbackServer(asio::io_context& io, Handler handler)
    : acceptor_(io, asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
      handler_(std::move(handler)),
      key_(crypto::RsaPrivateKey::from_pem(shared_test_key().to_pem())) {
    keys_.push_back(crypto::RsaPrivateKey::from_pem(shared_test_key().to_pem()));
    port_ = acceptor_.local_endpoint().port();
    asio::co_spawn(io, accept_loop(), asio::detached);
}

asio::awaitable<void> LoopbackServer::accept_loop() {
    for (;;) {
        asio::error_code ec;
        auto socket =
            co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
        asio::co_spawn(acceptor_.get_executor(), serve(std::move(socket)), asio::detached);
    }
}

asio::awaitable<void> LoopbackServer::serve(asio::ip::tcp::socket socket) {
    auto now = [] {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    };
    transport::ServerCodec codec;
    mtproto::HandshakeServer handshake(keys_, crypto::system_random());
    std::optional<crypto::AuthKey> key;
    std::optional<mtproto::ServerSession> session;
    std::array<std::uint8_t, 8192> buffer{};
    try {
        for (;;) {
            asio::error_code ec;
            std::size_t n = co_await socket.async_read_some(
                asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, ec));
            if (ec) co_return;
            codec.feed(ByteView(buffer.data(), n));
            Bytes out;
            while (auto event = codec.next()) {
                auto* packet = std::get_if<transport::Packet>(&*event);
                if (!packet) continue;
                ByteView payload = packet->payload;
                if (!session) {
                    auto message = mtproto::unwrap_unencrypted(payload);
                    auto step = handshake.on_message(message.body, now());
                    codec.encode(mtproto::wrap_unencrypted(
                                     step.reply, mtproto::unencrypted_msg_id(now(), true)),
                                 out);
                    if (step.done) {
                        ++handshakes_;
                        key.emplace(step.done->result.auth_key.clone());
                        session.emplace(
                            [&key](std::uint64_t id) -> std::optional<crypto::AuthKey> {
                                if (key && key->id() == id) return key->clone();
                                return std::nullopt;
                            },
                            step.done->result.server_salt, mtproto::system_clock(),
                            crypto::system_random());
                    }
                    continue;
                }
                auto received = session->on_packet(payload);
                for (const auto& request : received.requests) {
                    Answer answer = handler_(request.body);
                    if (answer.silent) continue;
                    if (answer.result) {
                        session->reply_result(request.msg_id, *answer.result);
                    } else {
                        session->reply_error(request.msg_id, answer.error_code,
                                             answer.error_message);
                    }
                }
                if (auto reply = session->flush()) codec.encode(*reply, out);
            }
            if (!out.empty())
                co_await asio::async_write(socket, asio::buffer(out), asio::use_awaitable);
        }
    } catch (const std::exception&) {
        // A test server drops a connection that misbehaves, as Telegram does.
    }
}

}  // namespace tgs::test
