#include "session_test_util.hpp"
#include "tgs/session/sealed.hpp"
#include "tgs/session/store.hpp"

namespace tgs::session::test {
namespace {

// Cheap Argon2id parameters keep the tests fast; the format stores them.
const Argon2Params kFast{1, 8 * 1024 * 1024};

class Sealed : public TempDir {};

SessionData full_session() {
    auto d = sample_session(11);
    d.takeout_id = 9;
    d.api_id = 77;
    d.test_mode = true;
    d.user->last_name = "Lee";
    d.state->channels = {{5, 6}, {7, 8}};
    d.other_dcs.push_back(
        {1, Endpoint{"149.154.175.53", 443}, std::nullopt, AuthKeyBytes(key_bytes(12))});
    return d;
}

TEST_F(Sealed, RoundTripIsExactWithPassphraseAndKeyFile) {
    const auto d = full_session();
    const auto pass = SealKey::passphrase("correct horse", kFast);
    const Bytes blob = seal(d, pass);
    EXPECT_EQ(std::string(blob.begin(), blob.begin() + 8), std::string(kSealMagic));
    EXPECT_EQ(unseal(blob, pass), d);

    const auto keyfile = path("k.bin");
    spit(keyfile, std::string(32, '\x42'));
    const auto raw = SealKey::from_key_file(keyfile);
    EXPECT_EQ(unseal(seal(d, raw), raw), d);
    spit(keyfile, std::string(64, 'a') + "\n");
    EXPECT_EQ(unseal(seal(d, SealKey::from_key_file(keyfile)), SealKey::raw(Bytes(32, 0xaa))), d);
}

TEST_F(Sealed, WrongPassphraseVsTampered) {
    const auto d = full_session();
    const Bytes blob = seal(d, SealKey::passphrase("right", kFast));
    EXPECT_EQ(error_code_of([&] { unseal(blob, SealKey::passphrase("wrong", kFast)); }),
              "SESSION_SEAL_WRONG_PASSPHRASE");
    EXPECT_EQ(error_code_of([&] { unseal(blob, SealKey::raw(Bytes(32, 1))); }),
              "SESSION_SEAL_WRONG_PASSPHRASE");
    for (std::size_t at : {std::size_t{10}, std::size_t{100}, blob.size() - 1}) {
        Bytes bad = blob;
        bad[at] ^= 0x01;
        EXPECT_EQ(error_code_of([&] { unseal(bad, SealKey::passphrase("right", kFast)); }),
                  "SESSION_SEAL_TAMPERED")
            << at;
    }
    Bytes v2 = blob;
    v2[8] = 2;
    EXPECT_EQ(error_code_of([&] { unseal(v2, SealKey::passphrase("right", kFast)); }),
              "SESSION_UNSUPPORTED_VERSION");
    EXPECT_EQ(error_code_of(
                  [&] { unseal(ByteView(blob).first(60), SealKey::passphrase("right", kFast)); }),
              "SESSION_CORRUPT");
}

TEST_F(Sealed, StoreWritesSealedFiles) {
    const auto p = path("s.session");
    SaveOptions o;
    o.seal_key = SealKey::passphrase("pw", kFast);
    save(p, full_session(), Format::Sealed, o);
    EXPECT_EQ(detect_file_format(p), Format::Sealed);
    EXPECT_EQ(error_code_of([&] { open_read_only(p); }), "SESSION_SEAL_KEY_REQUIRED");
    EXPECT_EQ(open_read_only(p, o.seal_key).data, full_session());
    const auto r = convert(p.string(), path("t.session"), Format::Telethon, o.seal_key);
    EXPECT_EQ(r.from, Format::Sealed);
    EXPECT_EQ(open_read_only(path("t.session")).data.auth_key, full_session().auth_key);
}

}  // namespace
}  // namespace tgs::session::test
