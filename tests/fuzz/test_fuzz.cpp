// Deterministic mutation fuzzing of every parser that sees hostile bytes. Property: each input
// is accepted or rejected with tgs::Error; any other exception (or a crash / ASan report)
// fails. TGS_FUZZ_ITERATIONS scales the mutated inputs per target (default 1500).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <typeinfo>

#include "fuzz_fixtures.hpp"
#include "fuzz_targets.hpp"
#include "mutator.hpp"

namespace tgs::fuzz {
namespace {

std::size_t iterations() {
    if (const char* v = std::getenv("TGS_FUZZ_ITERATIONS")) return std::strtoul(v, nullptr, 10);
    return 1500;
}

std::vector<Bytes> load_corpus(std::string_view name) {
    std::vector<Bytes> out;
    const std::filesystem::path dir = corpus_dir(name);
    if (!std::filesystem::is_directory(dir)) return out;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& p : files) {
        std::ifstream in(p, std::ios::binary);
        out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return out;
}

/// Runs `t` on `input`; fails the test (with the input in hex) on any non-tgs::Error exception.
bool run_checked(const Target& t, const Bytes& input) {
    try {
        return t.run(input);
    } catch (const std::exception& e) {
        ADD_FAILURE() << t.name << ": " << typeid(e).name() << ": " << e.what()
                      << "\ninput: " << to_hex(input);
    } catch (...) {
        ADD_FAILURE() << t.name << ": non-std exception\ninput: " << to_hex(input);
    }
    return false;
}

class Fuzz : public ::testing::TestWithParam<std::string_view> {};

// Seeds must pass, else mutating them only explores the rejection path.
TEST_P(Fuzz, GeneratedSeedsAreAccepted) {
    const auto& t = target(GetParam());
    const auto seeds = make_seeds(t.name);
    ASSERT_FALSE(seeds.empty());
    for (const auto& s : seeds)
        EXPECT_TRUE(run_checked(t, s)) << t.name << " seed rejected: " << last_rejection() << "\n"
                                       << to_hex(s);
}

TEST_P(Fuzz, OnDiskCorpusIsAccepted) {
    const auto& t = target(GetParam());
    const auto corpus = load_corpus(t.name);
    ASSERT_FALSE(corpus.empty()) << "no seeds in " << corpus_dir(t.name);
    for (const auto& s : corpus)
        EXPECT_TRUE(run_checked(t, s)) << t.name << ": " << last_rejection() << "\n" << to_hex(s);
}

TEST_P(Fuzz, MutatedInputsOnlyThrowTgsError) {
    const auto& t = target(GetParam());
    auto seeds = make_seeds(t.name);
    for (auto& c : load_corpus(t.name)) seeds.push_back(std::move(c));
    Mutator m(std::hash<std::string_view>{}(t.name) & 0xffff);
    const std::size_t n = iterations();
    std::size_t accepted = 0;
    for (std::size_t i = 0; i < n && !HasFailure(); ++i) {
        const Bytes input =
            (i % 16 == 15) ? m.random_bytes(512) : m.mutate(seeds[m.below(seeds.size())], seeds);
        if (run_checked(t, input)) ++accepted;
    }
    RecordProperty("accepted", static_cast<int>(accepted));
}

INSTANTIATE_TEST_SUITE_P(Targets, Fuzz,
                         ::testing::Values("transport_server", "transport_client", "tl_api",
                                           "tl_mt", "container", "client_packet", "client_body",
                                           "server_packet", "server_body", "handshake_client",
                                           "session_string", "session_file", "rpc_handler",
                                           "sqlite_image", "rsa_public_pem", "tdata", "proxy_url",
                                           "proxy_handshake", "fake_tls"),
                         [](const auto& p) { return std::string(p.param); });

// Encrypted packets are authenticated: no single flipped bit and no random packet may pass.
void expect_all_bit_flips_rejected(std::string_view name) {
    const auto& t = target(name);
    for (const auto& seed : make_seeds(name)) {
        ASSERT_TRUE(run_checked(t, seed));
        for (std::size_t bit = 0; bit < seed.size() * 8; ++bit) {
            Bytes flipped = seed;
            flipped[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
            EXPECT_FALSE(run_checked(t, flipped)) << name << " accepted bit " << bit << " flipped";
        }
    }
    Mutator m(99);
    for (int i = 0; i < 200; ++i) EXPECT_FALSE(run_checked(t, m.random_bytes(256)));
}

TEST(FuzzAuthenticity, ClientRejectsEveryBitFlipAndRandomPackets) {
    expect_all_bit_flips_rejected("client_packet");
}
TEST(FuzzAuthenticity, ServerRejectsEveryBitFlipAndRandomPackets) {
    expect_all_bit_flips_rejected("server_packet");
}

// The error code the client awaiting server_DH_params throws for `body`, "" if it accepts it.
std::string server_dh_params_error(ByteView body) {
    auto client = handshake_snapshots().at(1).clone(counter_random(9));
    try {
        (void)client.on_message(body, kUnixNow);
        return "";
    } catch (const Error& e) {
        return e.code();
    }
}

// handshake_client's encrypted-inner mode (byte 0 bit 7) gets past the answer's SHA1 to the DH
// checks behind it: each fault is refused by the check it aims at, where the same fault in the
// recorded encrypted answer only breaks the hash.
TEST(FuzzHandshake, EncryptedInnerDataReachesTheDhChecks) {
    const Bytes inner = recorded_server_dh_inner();
    // server_DH_inner_data: id (4), nonce (16), server_nonce (16), g (4), dh_prime (4 + 256),
    // g_a (4 + 256), server_time (4).
    ASSERT_EQ(inner.size(), 4u + 16 + 16 + 4 + 260 + 260 + 4);
    EXPECT_EQ(server_dh_params_error(server_dh_params_ok_around(inner)), "");
    EXPECT_TRUE(run_checked(target("handshake_client"), prefixed(0x80, inner))) << last_rejection();

    Bytes bad_g = inner;
    bad_g[36] = 9;
    EXPECT_EQ(server_dh_params_error(server_dh_params_ok_around(bad_g)), "DH_G_INVALID");

    Bytes bad_g_a = inner;
    std::fill(bad_g_a.begin() + 36 + 4 + 260 + 4, bad_g_a.begin() + 36 + 4 + 260 + 260, 0);
    EXPECT_EQ(server_dh_params_error(server_dh_params_ok_around(bad_g_a)), "DH_G_A_OUT_OF_RANGE");

    Bytes step1 = recorded_handshake().replies.at(1);
    step1[4 + 16 + 16 + 4 + 100] ^= 0x0b;  // a byte of the encrypted answer
    const std::string hash_error = server_dh_params_error(step1);
    EXPECT_NE(hash_error, "");
    EXPECT_NE(hash_error, "DH_G_INVALID");
}

// TGS_FUZZ_WRITE_CORPUS=1 (re)writes tests/fuzz/corpus/<target>/seed-N.bin from the generators.
TEST(FuzzCorpus, WriteWhenAsked) {
    if (!std::getenv("TGS_FUZZ_WRITE_CORPUS")) GTEST_SKIP() << "set TGS_FUZZ_WRITE_CORPUS=1";
    for (const auto& t : targets()) {
        const std::filesystem::path dir = corpus_dir(t.name);
        std::filesystem::create_directories(dir);
        const auto seeds = make_seeds(t.name);
        for (std::size_t i = 0; i < seeds.size(); ++i) {
            std::ofstream out(dir / ("seed-" + std::to_string(i) + ".bin"), std::ios::binary);
            out.write(reinterpret_cast<const char*>(seeds[i].data()),
                      static_cast<std::streamsize>(seeds[i].size()));
        }
    }
}

}  // namespace
}  // namespace tgs::fuzz
