#include "tgs/net/sender.hpp"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/redirect_error.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <chrono>

#include "tgs/error.hpp"
#include "tgs/mtproto/client_session.hpp"
#include "tgs/mtproto/handshake.hpp"
#include "tgs/mtproto/handshake_client.hpp"
#include "tgs/net/errors.hpp"
#include "tgs/tl/mt.hpp"

namespace tgs::net {

// A call in flight: its body (kept for resends), and either a result or an error once the
// reader has matched the answer. `waker` is the caller's timer, cancelled to wake it early.
struct Sender::Pending {
    Bytes body;
    // Runs after this call (invokeAfterMsg): wrapped with its current msg_id at each transmit,
    // so a resent predecessor is still the one referred to.
    std::shared_ptr<Pending> after;
    std::int64_t msg_id = 0;
    std::optional<Bytes> result;
    std::exception_ptr error;
    asio::steady_timer* waker = nullptr;

    void finish() {
        if (waker) waker->cancel();
    }
};

namespace {
double unix_seconds(const mtproto::Clock& clock) {
    return static_cast<double>(clock()) / static_cast<double>(mtproto::kNanosPerSecond);
}
}  // namespace

Sender::Sender(SenderOptions options, std::shared_ptr<Connection> connection)
    : options_(std::move(options)), connection_(std::move(connection)) {
    if (!options_.clock) options_.clock = mtproto::system_clock();
}

Sender::~Sender() = default;

void Sender::progress(const std::string& what) const {
    if (options_.on_progress) options_.on_progress(what);
}

asio::awaitable<std::shared_ptr<Sender>> Sender::connect(SenderOptions options) {
    if (!options.connection.random) options.connection.random = crypto::system_random();
    if (options.on_progress)
        options.on_progress("connecting to DC " + std::to_string(options.connection.dc_id));
    auto connection = co_await Connection::open(options.connection);
    std::shared_ptr<Sender> sender(new Sender(std::move(options), std::move(connection)));

    if (sender->options_.auth_key) {
        sender->key_.emplace(sender->options_.auth_key->clone());
    } else {
        co_await sender->create_auth_key();  // sets server_salt and time_offset_ns
    }
    mtproto::ClientSessionOptions sopts;
    sopts.server_salt = sender->options_.server_salt;
    if (sender->options_.time_offset_ns != 0)
        sopts.time_offset_ns = sender->options_.time_offset_ns;
    sender->session_ = std::make_unique<mtproto::ClientSession>(
        sender->key_->clone(), sender->options_.clock, sender->options_.connection.random, sopts);
    // The loop owns a reference (a coroutine parameter: lambda captures would not live in the
    // coroutine frame).
    asio::co_spawn(co_await asio::this_coro::executor, read_loop(sender), asio::detached);
    co_return sender;
}

asio::awaitable<void> Sender::create_auth_key() {
    const auto& conn = options_.connection;
    progress("creating an auth key with DC " + std::to_string(conn.dc_id));
    mtproto::HandshakeClient handshake(options_.rsa_keys, wire_dc_id(conn), conn.random);
    Bytes body = handshake.start();
    for (;;) {
        connection_->send(mtproto::wrap_unencrypted(
            body, mtproto::unencrypted_msg_id(unix_seconds(options_.clock))));
        Bytes answer = co_await connection_->receive(conn.timeout);
        auto message = mtproto::unwrap_unencrypted(answer);
        auto now = static_cast<std::int64_t>(unix_seconds(options_.clock));
        auto step = handshake.on_message(message.body, now);
        if (auto* send = std::get_if<mtproto::HandshakeSend>(&step)) {
            body = std::move(send->body);
            continue;
        }
        auto& done = std::get<mtproto::HandshakeDone>(step);
        key_.emplace(done.auth_key.bytes());
        options_.server_salt = done.server_salt;
        options_.time_offset_ns = std::int64_t{done.time_offset} * mtproto::kNanosPerSecond;
        created_new_key_ = true;
        co_return;
    }
}

namespace {
// invokeAfterMsg#cb9f372d msg_id:long query:!X, written by hand: the net layer carries queries
// as opaque bytes and needs no generated API types for this one wrapper.
Bytes invoke_after_msg(std::int64_t msg_id, ByteView query) {
    Bytes out;
    out.reserve(12 + query.size());
    auto put = [&out](std::uint64_t v, int n) {
        for (int i = 0; i < n; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    put(0xcb9f372dU, 4);
    put(static_cast<std::uint64_t>(msg_id), 8);
    out.insert(out.end(), query.begin(), query.end());
    return out;
}
}  // namespace

void Sender::transmit(const std::shared_ptr<Pending>& call) {
    auto wrapped = call->after
                       ? session_->wrap_request(invoke_after_msg(call->after->msg_id, call->body))
                       : session_->wrap_request(call->body);
    std::erase_if(pending_, [&](const auto& kv) { return kv.second == call; });
    call->msg_id = wrapped.msg_id;
    pending_[wrapped.msg_id] = call;
    connection_->send(wrapped.packet);
}

asio::awaitable<Bytes> Sender::invoke(Bytes request) {
    throw_if_broken();
    auto call = std::make_shared<Pending>();
    if (!first_request_sent_ && options_.wrap_first_request) {
        call->body = options_.wrap_first_request(request);
    } else {
        call->body = std::move(request);
    }
    first_request_sent_ = true;

    transmit(call);
    co_return co_await await_answer(std::move(call));
}

asio::awaitable<std::array<Sender::Outcome, 2>> Sender::invoke_chain(Bytes first, Bytes then) {
    throw_if_broken();
    auto a = std::make_shared<Pending>();
    a->body = (!first_request_sent_ && options_.wrap_first_request)
                  ? options_.wrap_first_request(first)
                  : std::move(first);
    first_request_sent_ = true;
    auto b = std::make_shared<Pending>();
    b->body = std::move(then);
    b->after = a;
    transmit(a);
    transmit(b);
    const std::array<std::shared_ptr<Pending>, 2> calls{a, b};
    std::array<Outcome, 2> out;
    for (std::size_t i = 0; i < calls.size(); ++i) {
        try {
            out[i].body = co_await await_answer(calls[i]);
        } catch (...) {
            out[i].error = std::current_exception();
        }
    }
    co_return out;
}

asio::awaitable<std::int64_t> Sender::ping() {
    throw_if_broken();
    tl::mt::ping request;
    // From the options' source like every random value here, so a test can replay a ping.
    options_.connection.random(
        MutableByteView(reinterpret_cast<std::uint8_t*>(&request.ping_id), sizeof request.ping_id));
    auto call = std::make_shared<Pending>();
    call->body = tl::mt::serialize(request);
    transmit(call);
    const Bytes pong = co_await await_answer(std::move(call));
    tl::Reader reader(pong);
    co_return tl::mt::read<tl::mt::pong>(reader).ping_id;
}

asio::awaitable<Bytes> Sender::await_answer(std::shared_ptr<Pending> call) {
    // A chained call may have been answered while its predecessor was awaited.
    if (call->error) std::rethrow_exception(call->error);
    if (call->result) co_return std::move(*call->result);
    asio::steady_timer timer(co_await asio::this_coro::executor);
    timer.expires_after(options_.connection.timeout);
    call->waker = &timer;
    asio::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    call->waker = nullptr;
    if (call->error) std::rethrow_exception(call->error);
    if (call->result) co_return std::move(*call->result);
    std::erase_if(pending_, [&](const auto& kv) { return kv.second == call; });
    throw Error(errc::timeout, connection_->describe() + " did not answer within " +
                                   std::to_string(options_.connection.timeout.count()) + " ms");
}

// One overload per event kind (TDLib's on_packet(const MsgInfo&, const T&) shape): an answer
// is taken out of pending_ once, in take(), whatever kind of answer it is.
struct Sender::EventHandler {
    Sender& sender;

    std::shared_ptr<Pending> take(std::int64_t msg_id) const {
        auto it = sender.pending_.find(msg_id);
        if (it == sender.pending_.end()) return nullptr;  // not ours, or answered already
        auto call = std::move(it->second);
        sender.pending_.erase(it);
        return call;
    }
    void answer(std::int64_t msg_id, Bytes result) const {
        if (auto call = take(msg_id)) {
            call->result = std::move(result);
            call->finish();
        }
    }
    void fail(std::int64_t msg_id, std::exception_ptr error) const {
        if (auto call = take(msg_id)) {
            call->error = std::move(error);
            call->finish();
        }
    }

    void operator()(mtproto::ev::RpcResult& e) const { answer(e.req_msg_id, std::move(e.body)); }
    void operator()(const mtproto::ev::RpcError& e) const {
        fail(e.req_msg_id, std::make_exception_ptr(e.error));
    }
    void operator()(const mtproto::ev::Pong& e) const {
        answer(e.req_msg_id, tl::mt::serialize(tl::mt::pong{e.req_msg_id, e.ping_id}));
    }
    void operator()(const mtproto::ev::Resend& e) const {
        if (auto call = take(e.msg_id)) sender.transmit(call);
    }
    void operator()(const mtproto::ev::BadMessage& e) const {
        fail(e.msg_id,
             std::make_exception_ptr(
                 Error(errc::bad_message, "the server refused a request (bad_msg_notification " +
                                              std::to_string(e.error_code) + ")")));
    }
    void operator()(const mtproto::ev::Update& e) const {
        if (sender.options_.on_update) sender.options_.on_update(e.body);
    }
    // new_session_created: the session layer has already taken the server salt it carries (the
    // spec's "the client should store it"), so server_salt() reports it from here on.
    void operator()(const mtproto::ev::NewSession&) const {}
    void operator()(const mtproto::ev::Acked&) const {}
};

asio::awaitable<void> Sender::read_loop(std::shared_ptr<Sender> self) {
    co_await self->read_packets();
}

asio::awaitable<void> Sender::read_packets() {
    try {
        while (connection_->is_open()) {
            std::string closed;
            auto received = co_await connection_->receive_or_closed(closed);
            if (!received) {
                // No throw: this is how every connection ends (see receive_or_closed).
                fail_all(std::make_exception_ptr(Error(errc::connection_closed, closed)));
                co_return;
            }
            Bytes packet = std::move(*received);
            std::vector<mtproto::Event> events;
            try {
                events = session_->on_packet(packet);
            } catch (const Error&) {
                continue;  // a packet that fails any check is dropped (security guidelines)
            }
            EventHandler handle{*this};
            for (auto& event : events) std::visit(handle, event);
            if (auto acks = session_->acks_due() ? session_->flush_acks() : std::nullopt) {
                connection_->send(*acks);
            }
        }
    } catch (...) {
        fail_all(std::current_exception());
    }
}

void Sender::throw_if_broken() const {
    if (broken_) std::rethrow_exception(broken_);
    if (!connection_->is_open()) {
        throw Error(errc::connection_closed, connection_->describe() + " is closed");
    }
}

void Sender::fail_all(std::exception_ptr error) {
    broken_ = error;
    auto pending = std::move(pending_);
    pending_.clear();
    for (auto& [id, call] : pending) {
        call->error = error;
        call->finish();
    }
}

const mtproto::AuthKey& Sender::auth_key() const {
    return *key_;
}

std::int64_t Sender::server_salt() const {
    return session_ ? session_->server_salt() : 0;
}

void Sender::close() {
    if (connection_) connection_->close();
}

void Sender::reset() {
    if (connection_) connection_->reset();
}

}  // namespace tgs::net
