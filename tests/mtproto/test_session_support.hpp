// Helpers shared by the encrypted-session tests: a controllable clock, deterministic
// randomness, a fixed auth key, and a way to forge server packets.
#pragma once

#include <cstdint>
#include <memory>

#include "tgs/bytes.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/mtproto/message_crypto.hpp"
#include "tgs/mtproto/msg_id.hpp"

namespace tgs::test {

/// A clock tests can move; copies of clock() see every change.
struct FakeClock {
    std::shared_ptr<std::int64_t> now_ns =
        std::make_shared<std::int64_t>(std::int64_t{1'700'000'000} * 1'000'000'000);
    mtproto::Clock clock() const {
        auto p = now_ns;
        return [p] { return *p; };
    }
    void advance_ms(std::int64_t ms) { *now_ns += ms * 1'000'000; }
};

/// xorshift bytes: deterministic, different per seed.
inline crypto::RandomSource counter_random(std::uint64_t seed) {
    auto state = std::make_shared<std::uint64_t>(seed * 0x9E3779B97F4A7C15ULL + 1);
    return [state](MutableByteView out) {
        for (auto& b : out) {
            std::uint64_t x = *state;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *state = x;
            b = static_cast<std::uint8_t>(x >> 24);
        }
    };
}

/// auth_key[i] = i * 7 + 3: an arbitrary fixed key.
inline Bytes test_key_bytes() {
    Bytes k(256);
    for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<std::uint8_t>(i * 7 + 3);
    return k;
}

inline mtproto::AuthKey test_key() {
    return mtproto::AuthKey(test_key_bytes());
}

/// A server→client packet with arbitrary envelope fields.
inline Bytes forge_server_packet(std::int64_t session_id, std::int64_t msg_id, std::int32_t seq_no,
                                 Bytes body, std::int64_t salt = 0) {
    mtproto::PlainMessage m;
    m.salt = salt;
    m.session_id = session_id;
    m.msg_id = msg_id;
    m.seq_no = seq_no;
    m.body = std::move(body);
    return mtproto::encrypt_message(test_key(), m, mtproto::Direction::ServerToClient,
                                    counter_random(99), mtproto::PaddingPolicy::Minimal);
}

/// A plausible server msg_id for "now" on the fake clock, with the given low bits.
inline std::int64_t server_msg_id_at(std::int64_t unix_ns, std::uint32_t low) {
    const auto secs = static_cast<std::uint64_t>(unix_ns / 1'000'000'000);
    return static_cast<std::int64_t>((secs << 32) | low);
}

}  // namespace tgs::test
