// The recorded handshake's secrets, recovered so a harness can speak as its server: the
// client's random source is deterministic, so new_nonce is known, and with it the tmp key that
// encrypts server_DH_inner_data. Fuzzed inner data then gets past the SHA1 check to the DH
// parameter checks (a fuzzer cannot forge the hash of an encrypted answer by mutation).
#include <algorithm>

#include "fuzz_fixtures.hpp"
#include "tgs/crypto/aes.hpp"
#include "tgs/crypto/hash.hpp"
#include "tgs/crypto/kdf.hpp"
#include "tgs/error.hpp"
#include "tgs/tl/reader.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::fuzz {
namespace {

constexpr std::uint32_t kServerDhParamsOk = 0xd0e8075c;

struct Nonces {
    Bytes nonce;         // 16, the client's
    Bytes server_nonce;  // 16, from resPQ
    Bytes new_nonce;     // 32, the client's
    crypto::AesKeyIv tmp;
};

const Nonces& nonces() {
    static const Nonces n = [] {
        Nonces out;
        // make_handshake_client() draws nonce (16) then new_nonce (32) from counter_random(7).
        Bytes drawn(48);
        counter_random(7)(drawn);
        out.nonce.assign(drawn.begin(), drawn.begin() + 16);
        out.new_nonce.assign(drawn.begin() + 16, drawn.end());
        const Bytes& res_pq = recorded_handshake().replies.at(0);  // id, nonce, server_nonce, ...
        if (res_pq.size() < 36 ||
            !std::equal(out.nonce.begin(), out.nonce.end(), res_pq.begin() + 4))
            throw Error("FUZZ_SETUP", "the recorded resPQ does not answer the expected nonce");
        out.server_nonce.assign(res_pq.begin() + 20, res_pq.begin() + 36);
        out.tmp = crypto::tmp_aes_key_iv(out.new_nonce, out.server_nonce);
        return out;
    }();
    return n;
}

}  // namespace

Bytes server_dh_params_ok_around(ByteView inner) {
    const auto& n = nonces();
    const auto hash = crypto::sha1(inner);
    Bytes plain(hash.begin(), hash.end());
    plain.insert(plain.end(), inner.begin(), inner.end());
    plain.resize((plain.size() + 15) / 16 * 16, 0);
    tl::Writer w;
    w.write_uint32(kServerDhParamsOk);
    w.write_raw(n.nonce);
    w.write_raw(n.server_nonce);
    w.write_bytes(crypto::aes_ige_encrypt(plain, n.tmp.key, n.tmp.iv));
    return w.take();
}

Bytes recorded_server_dh_inner() {
    const auto& n = nonces();
    tl::Reader r(recorded_handshake().replies.at(1));
    if (r.read_uint32() != kServerDhParamsOk)
        throw Error("FUZZ_SETUP", "the recorded reply is not server_DH_params_ok");
    (void)r.read_raw(32);  // nonce, server_nonce
    const Bytes plain = crypto::aes_ige_decrypt(r.read_bytes(), n.tmp.key, n.tmp.iv);
    // The inner data's length is not stored: the longest prefix whose SHA1 matches (the
    // padding is under 16 bytes).
    for (std::size_t pad = 0; pad < 16 && 20 + pad <= plain.size(); ++pad) {
        const ByteView inner = ByteView(plain).subspan(20, plain.size() - 20 - pad);
        const auto hash = crypto::sha1(inner);
        if (std::equal(hash.begin(), hash.end(), plain.begin()))
            return Bytes(inner.begin(), inner.end());
    }
    throw Error("FUZZ_SETUP", "the recorded answer does not decrypt with the recovered tmp key");
}

}  // namespace tgs::fuzz
