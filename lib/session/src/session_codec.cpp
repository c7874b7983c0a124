// SessionData <-> bytes, the payload of the sealed format. Little-endian, versioned, every field
// explicit; written straight into guarded memory in two passes (measure, then fill).
#include <cstring>

#include "internal.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/sealed.hpp"

namespace tgs::session {
namespace {
constexpr std::uint8_t kPayloadVersion = 1;

class Out {
  public:
    explicit Out(std::uint8_t* dst) : dst_(dst) {}
    std::size_t size() const { return n_; }
    void raw(const void* p, std::size_t len) {
        if (dst_ != nullptr && len != 0) std::memcpy(dst_ + n_, p, len);
        n_ += len;
    }
    void u8(std::uint8_t v) { raw(&v, 1); }
    void i32(std::int32_t v) { le(static_cast<std::uint32_t>(v), 4); }
    void i64(std::int64_t v) { le(static_cast<std::uint64_t>(v), 8); }
    void str(const std::string& s) {
        le(s.size(), 4);
        raw(s.data(), s.size());
    }
    void key(const std::optional<AuthKeyBytes>& k) {
        u8(k ? 1 : 0);
        if (k) raw(k->view().data(), AuthKeyBytes::kSize);
    }
    void endpoint(const std::optional<Endpoint>& e) {
        u8(e ? 1 : 0);
        if (e) {
            str(e->host);
            i32(e->port);
        }
    }

  private:
    void le(std::uint64_t v, int bytes) {
        std::uint8_t b[8];
        for (int i = 0; i < bytes; ++i) b[i] = static_cast<std::uint8_t>(v >> (8 * i));
        raw(b, static_cast<std::size_t>(bytes));
    }
    std::uint8_t* dst_;
    std::size_t n_ = 0;
};

void encode(Out& o, const SessionData& d) {
    o.u8(kPayloadVersion);
    o.i32(d.dc_id);
    o.str(d.server_address);
    o.i32(d.port);
    o.key(d.auth_key);
    o.u8(d.takeout_id ? 1 : 0);
    if (d.takeout_id) o.i64(*d.takeout_id);
    o.u8(d.user ? 1 : 0);
    if (d.user) {
        o.i64(d.user->id);
        o.u8(d.user->access_hash ? 1 : 0);
        if (d.user->access_hash) o.i64(*d.user->access_hash);
        o.str(d.user->username);
        o.str(d.user->phone);
        o.str(d.user->first_name);
        o.str(d.user->last_name);
        o.u8(d.user->bot ? (*d.user->bot ? 1 : 0) : 2);
    }
    o.u8(d.state ? 1 : 0);
    if (d.state) {
        o.i32(d.state->pts);
        o.i32(d.state->qts);
        o.i64(d.state->date);
        o.i32(d.state->seq);
        o.i32(static_cast<std::int32_t>(d.state->channels.size()));
        for (const auto& c : d.state->channels) {
            o.i64(c.channel_id);
            o.i32(c.pts);
        }
    }
    o.u8(d.api_id ? 1 : 0);
    if (d.api_id) o.i32(*d.api_id);
    o.u8(d.test_mode ? 1 : 0);
    o.i32(static_cast<std::int32_t>(d.other_dcs.size()));
    for (const auto& e : d.other_dcs) {
        o.i32(e.dc_id);
        o.endpoint(e.ipv4);
        o.endpoint(e.ipv6);
        o.key(e.auth_key);
    }
}

class In {
  public:
    explicit In(ByteView b) : b_(b) {}
    bool done() const { return pos_ == b_.size(); }
    ByteView take(std::size_t n) {
        if (b_.size() - pos_ < n) detail::fail(errc::corrupt, "sealed payload truncated");
        auto v = b_.subspan(pos_, n);
        pos_ += n;
        return v;
    }
    std::uint8_t u8() { return take(1)[0]; }
    bool flag() {
        const auto v = u8();
        if (v > 1) detail::fail(errc::corrupt, "sealed payload has a bad flag");
        return v == 1;
    }
    std::uint64_t le(int n) {
        auto v = take(static_cast<std::size_t>(n));
        std::uint64_t r = 0;
        for (int i = n; i-- > 0;) r = (r << 8) | v[static_cast<std::size_t>(i)];
        return r;
    }
    std::int32_t i32() { return static_cast<std::int32_t>(le(4)); }
    std::int64_t i64() { return static_cast<std::int64_t>(le(8)); }
    std::string str() {
        auto n = le(4);
        auto v = take(n);
        return {reinterpret_cast<const char*>(v.data()), v.size()};
    }
    std::optional<AuthKeyBytes> key() {
        if (!flag()) return std::nullopt;
        return AuthKeyBytes(take(AuthKeyBytes::kSize));
    }
    std::optional<Endpoint> endpoint() {
        if (!flag()) return std::nullopt;
        Endpoint e;
        e.host = str();
        e.port = i32();
        return e;
    }
    std::size_t count(std::size_t min_item) {
        const auto n = static_cast<std::uint32_t>(i32());
        if (n > (b_.size() - pos_) / min_item)
            detail::fail(errc::corrupt, "sealed payload count too large");
        return n;
    }

  private:
    ByteView b_;
    std::size_t pos_ = 0;
};
}  // namespace

crypto::SecureBuffer serialize_session(const SessionData& d) {
    Out measure(nullptr);
    encode(measure, d);
    crypto::SecureBuffer buf(measure.size());
    Out fill(buf.data());
    encode(fill, d);
    return buf;
}

SessionData deserialize_session(ByteView payload) {
    In in(payload);
    const auto version = in.u8();
    if (version != kPayloadVersion) {
        detail::fail(errc::unsupported,
                     "sealed payload version " + std::to_string(version) + " is not supported");
    }
    SessionData d;
    d.dc_id = in.i32();
    d.server_address = in.str();
    d.port = in.i32();
    d.auth_key = in.key();
    if (in.flag()) d.takeout_id = in.i64();
    if (in.flag()) {
        SelfUser u;
        u.id = in.i64();
        if (in.flag()) u.access_hash = in.i64();
        u.username = in.str();
        u.phone = in.str();
        u.first_name = in.str();
        u.last_name = in.str();
        const auto bot = in.u8();
        if (bot > 2) detail::fail(errc::corrupt, "sealed payload has a bad bot flag");
        if (bot != 2) u.bot = bot == 1;
        d.user = u;
    }
    if (in.flag()) {
        UpdateState st;
        st.pts = in.i32();
        st.qts = in.i32();
        st.date = in.i64();
        st.seq = in.i32();
        for (auto n = in.count(12); n > 0; --n) {
            ChannelPts c;
            c.channel_id = in.i64();
            c.pts = in.i32();
            st.channels.push_back(c);
        }
        d.state = st;
    }
    if (in.flag()) d.api_id = in.i32();
    d.test_mode = in.flag();
    for (auto n = in.count(7); n > 0; --n) {
        DcEntry e;
        e.dc_id = in.i32();
        e.ipv4 = in.endpoint();
        e.ipv6 = in.endpoint();
        e.auth_key = in.key();
        d.other_dcs.push_back(std::move(e));
    }
    if (!in.done()) detail::fail(errc::corrupt, "sealed payload has trailing bytes");
    return d;
}

}  // namespace tgs::session
