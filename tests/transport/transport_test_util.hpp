// Helpers shared by the transport tests: deterministic randomness, MTProto-shaped payloads,
// chunked feeding and error-code assertions.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <vector>

#include "test_error_code.hpp"
#include "tgs/error.hpp"
#include "tgs/transport/codec.hpp"

namespace tgs::transport::testutil {

/// A RandomSource that draws from a seeded mt19937 (reproducible runs).
inline crypto::RandomSource seeded_random(std::uint32_t seed) {
    auto rng = std::make_shared<std::mt19937>(seed);
    return [rng](MutableByteView out) {
        for (auto& b : out) b = static_cast<std::uint8_t>((*rng)() & 0xff);
    };
}

/// Random payload shaped like an MTProto message (what every codec is meant to carry):
/// encrypted = auth_key_id(8, non-zero) + msg_key(16) + 16k bytes; unencrypted = 8 zero bytes +
/// msg_id(8) + length(4) + 4m bytes of data.
inline Bytes mtproto_like(std::mt19937& rng, std::size_t max_blocks = 64) {
    std::uniform_int_distribution<std::size_t> blocks(0, max_blocks);
    Bytes out;
    if (rng() % 3 == 0) {
        const std::size_t data = 4 * blocks(rng);
        out.assign(20 + data, 0);
        for (std::size_t i = 8; i < out.size(); ++i) out[i] = static_cast<std::uint8_t>(rng());
        for (int i = 0; i < 4; ++i) out[16 + i] = static_cast<std::uint8_t>(data >> (8 * i));
    } else {
        out.resize(24 + 16 * blocks(rng));
        for (auto& b : out) b = static_cast<std::uint8_t>(rng());
        out[0] |= 1;  // auth_key_id != 0
    }
    return out;
}

/// Feeds `stream` in random chunk sizes (1..max_chunk) and collects every event.
inline std::vector<Event> feed_chunked(Codec& codec, ByteView stream, std::mt19937& rng,
                                       std::size_t max_chunk) {
    std::vector<Event> events;
    std::uniform_int_distribution<std::size_t> chunk(1, max_chunk);
    std::size_t pos = 0;
    while (pos < stream.size()) {
        const std::size_t n = std::min(chunk(rng), stream.size() - pos);
        codec.feed(stream.subspan(pos, n));
        pos += n;
        while (auto event = codec.next()) events.push_back(std::move(*event));
    }
    codec.finish();
    return events;
}

inline std::vector<Event> feed_all(Codec& codec, ByteView stream) {
    codec.feed(stream);
    std::vector<Event> events;
    while (auto event = codec.next()) events.push_back(std::move(*event));
    return events;
}

/// Runs `f` and returns the tgs::Error code it throws ("" if it does not throw).
inline std::string error_code_of(const std::function<void()>& f) {
    return tgs::test::error_code_of(f, "");
}

inline Bytes payload_of(const Event& e) {
    const auto* p = std::get_if<Packet>(&e);
    EXPECT_NE(p, nullptr) << "event is not a Packet";
    return p ? p->payload : Bytes{};
}

}  // namespace tgs::transport::testutil
