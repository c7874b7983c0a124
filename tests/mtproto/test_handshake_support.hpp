// Helpers for the handshake tests: scripted randomness (to replay recorded flows byte for
// byte), the project's RSA keys, and one generated test-DC key shared by the suite.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include "test_error_code.hpp"
#include "test_support.hpp"
#include "tgs/crypto/random.hpp"
#include "tgs/crypto/rsa.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/handshake_client.hpp"
#include "tgs/mtproto/handshake_server.hpp"

namespace tgs::test {

/// Serves randomness call by call. Each entry must be requested with exactly its size, in
/// order. A `repeat` entry may be requested again any number of times (RSA_PAD redraws
/// temp_key when the block is >= n); repeats get fresh bytes derived from the entry.
class ScriptedRandom {
  public:
    void add(Bytes bytes, bool repeat = false) { entries_.push_back({std::move(bytes), repeat}); }

    crypto::RandomSource source() {
        return [self = this](MutableByteView out) { self->fill(out); };
    }
    bool exhausted() const { return entries_.empty() || (entries_.size() == 1 && served_last_); }
    std::size_t pending() const { return entries_.size() - (served_last_ ? 1 : 0); }

  private:
    struct Entry {
        Bytes bytes;
        bool repeat;
    };
    void fill(MutableByteView out) {
        if (served_last_ && !entries_.empty() && entries_.front().repeat &&
            entries_.front().bytes.size() == out.size()) {
            ++counter_;
            for (std::size_t i = 0; i < out.size(); ++i) {
                out[i] = static_cast<std::uint8_t>(entries_.front().bytes[i] ^ counter_ ^ i);
            }
            return;
        }
        if (served_last_) {
            entries_.pop_front();
            served_last_ = false;
        }
        ASSERT_FALSE(entries_.empty())
            << "randomness requested beyond the script (" << out.size() << " bytes)";
        const auto& e = entries_.front();
        ASSERT_EQ(e.bytes.size(), out.size()) << "randomness requested in an unexpected order";
        std::copy(e.bytes.begin(), e.bytes.end(), out.begin());
        if (e.repeat) {
            served_last_ = true;
            counter_ = 0;
        } else {
            entries_.pop_front();
        }
    }

    std::deque<Entry> entries_;
    bool served_last_ = false;  // the front entry is a repeat entry already served once
    std::uint8_t counter_ = 0;
};

inline crypto::RsaPublicKey vector_key(const std::string& which) {
    const auto v = load_vectors("rsa.json");
    return crypto::RsaPublicKey::from_pem(v["keys"][which]["pem"].get<std::string>());
}

/// One 2048-bit key for the whole test binary (generation takes a while).
inline const crypto::RsaPrivateKey& test_dc_key() {
    static const auto key =
        std::make_unique<crypto::RsaPrivateKey>(crypto::RsaPrivateKey::generate());
    return *key;
}

struct Outcome {
    std::optional<mtproto::HandshakeDone> client;
    std::optional<mtproto::HandshakeServerDone> server;
    int round_trips = 0;
};

/// Runs the handshake, passing every body through wrap/unwrap_unencrypted.
inline Outcome run_handshake(mtproto::HandshakeClient& client, mtproto::HandshakeServer& server,
                             std::int64_t client_now, std::int64_t server_now) {
    Outcome out;
    std::int64_t msg_id = mtproto::unencrypted_msg_id(static_cast<double>(client_now));
    Bytes to_server = mtproto::wrap_unencrypted(client.start(), msg_id);
    for (int i = 0; i < 16; ++i) {
        auto step = server.on_message(mtproto::unwrap_unencrypted(to_server).body, server_now);
        ++out.round_trips;
        if (step.done) out.server = std::move(step.done);
        const Bytes to_client = mtproto::wrap_unencrypted(
            step.reply, mtproto::unencrypted_msg_id(static_cast<double>(server_now), true));
        auto next = client.on_message(mtproto::unwrap_unencrypted(to_client).body, client_now);
        if (auto* done = std::get_if<mtproto::HandshakeDone>(&next)) {
            out.client = std::move(*done);
            return out;
        }
        msg_id += 4;
        to_server = mtproto::wrap_unencrypted(std::get<mtproto::HandshakeSend>(next).body, msg_id);
    }
    ADD_FAILURE() << "handshake did not finish";
    return out;
}

/// grammers' recorded test-DC flow (auth_key_grammers_flow.json) with its randomness
/// scripted in the order HandshakeClient draws it.
struct GrammersFlow {
    nlohmann::json v = load_vectors("auth_key_grammers_flow.json");
    ScriptedRandom random;

    GrammersFlow() {
        const auto& in = v["inputs"];
        const Bytes step2 = hex(in["step2_random"]);
        const Bytes step3 = hex(in["step3_random"]);
        const std::size_t data_len = hex(v["derived_by_tools"]["p_q_inner_data"]).size();
        const std::size_t pad = 192 - data_len;
        // Our draw order: nonce; new_nonce, RSA_PAD padding, temp_key; b, inner padding.
        random.add(hex(in["step1_random_nonce"]));
        random.add(Bytes(step2.begin(), step2.begin() + 32));
        random.add(Bytes(step2.begin() + 32, step2.begin() + 32 + static_cast<long>(pad)));
        random.add(Bytes(step2.begin() + 224, step2.begin() + 256));
        random.add(Bytes(step3.begin(), step3.begin() + 256));
        const std::size_t inner_len = hex(v["derived_by_tools"]["client_DH_inner_data"]).size();
        const std::size_t pad3 = (16 - (20 + inner_len) % 16) % 16;
        random.add(Bytes(step3.begin() + 256, step3.begin() + 256 + static_cast<long>(pad3)));
    }

    mtproto::HandshakeClient client() {
        mtproto::HandshakeClientOptions o;
        o.inner_data = mtproto::InnerDataVariant::Legacy;
        o.rsa_scheme = mtproto::RsaScheme::RsaPad;
        return mtproto::HandshakeClient({vector_key("test_dc")}, 10002, random.source(), o);
    }
    std::int64_t now() const { return v["inputs"]["now_unix"].get<std::int64_t>(); }
    Bytes msg(const char* name) const { return hex(v["messages"][name]); }
};

}  // namespace tgs::test
