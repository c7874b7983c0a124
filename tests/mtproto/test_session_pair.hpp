// A ClientSession and a ServerSession wired together over a shared fake clock.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <variant>
#include <vector>

#include "test_session_support.hpp"
#include "tgs/mtproto/client_session.hpp"
#include "tgs/mtproto/server_session.hpp"

namespace tgs::test {

inline constexpr std::int64_t kServerSalt = 0x1122334455667788;

struct SessionPair {
    FakeClock server_clock;
    /// How far the client's wall clock is off the server's (ns); tests may change it.
    std::shared_ptr<std::int64_t> client_skew_ns = std::make_shared<std::int64_t>(0);
    mtproto::ClientSession client;
    mtproto::ServerSession server;

    explicit SessionPair(mtproto::ClientSessionOptions copts = default_client_options(),
                         mtproto::ServerSessionOptions sopts = {})
        : client(test_key(), skewed_clock(server_clock, client_skew_ns), counter_random(1), copts),
          server(
              [](std::uint64_t id) -> std::optional<mtproto::AuthKey> {
                  auto k = test_key();
                  if (k.id() != id) return std::nullopt;
                  return k;
              },
              kServerSalt, server_clock.clock(), counter_random(2), sopts) {}

    static mtproto::Clock skewed_clock(const FakeClock& base, std::shared_ptr<std::int64_t> skew) {
        auto now = base.now_ns;
        return [now, skew] { return *now + *skew; };
    }

    static mtproto::ClientSessionOptions default_client_options() {
        mtproto::ClientSessionOptions o;
        o.server_salt = kServerSalt;
        return o;
    }

    /// Everything the server has queued, delivered to the client.
    std::vector<mtproto::Event> deliver_to_client() {
        auto packet = server.flush();
        if (!packet) return {};
        return client.on_packet(*packet);
    }
};

template <class T>
std::vector<T> events_of(const std::vector<mtproto::Event>& events) {
    std::vector<T> out;
    for (const auto& e : events) {
        if (const T* v = std::get_if<T>(&e)) out.push_back(*v);
    }
    return out;
}

/// A stand-in API request: constructor id + an int, 8 bytes.
inline Bytes fake_request(std::uint32_t id, std::int32_t arg) {
    Bytes b(8);
    for (int i = 0; i < 4; ++i)
        b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(id >> (8 * i));
    for (int i = 0; i < 4; ++i)
        b[static_cast<std::size_t>(4 + i)] =
            static_cast<std::uint8_t>(static_cast<std::uint32_t>(arg) >> (8 * i));
    return b;
}

}  // namespace tgs::test
