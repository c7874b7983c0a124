// help.* calls Telegram Desktop makes at start. help.getCdnConfig matters most: the app
// replaces the RSA keys stored in its config with the ones listed here and looks every DC's key
// up there first, so the answer lists this server's own key for each DC (an empty list would
// leave the app with only Telegram's keys, and its next handshake with this server would fail).
// Answer constructors are the same in every layer 133..228.
#include "method.hpp"
#include "tgs/tl/writer.hpp"

namespace tgs::testdc::methods {
namespace {

constexpr std::int64_t kRecheckSeconds = 3600;  // `expires` of the empty answers

Bytes get_cdn_config(Call& call, tl::Reader&) {
    const auto& o = call.options();
    tl::Writer w;
    w.write_uint32(0x5725e40a);  // cdnConfig
    w.write_vector_header(o.rsa_public_key_pem.empty() ? 0 : o.dcs.size());
    if (!o.rsa_public_key_pem.empty()) {
        for (const auto& dc : o.dcs) {
            w.write_uint32(0xc982eaba);  // cdnPublicKey
            w.write_int32(dc.id);
            w.write_string(o.rsa_public_key_pem);
        }
    }
    return w.take();
}

Bytes expiring(std::uint32_t id, const Call& call) {
    tl::Writer w;
    w.write_uint32(id);
    w.write_int32(static_cast<std::int32_t>(call.ctx.now + kRecheckSeconds));
    return w.take();
}

Bytes get_terms_of_service_update(Call& call, tl::Reader&) {
    return expiring(0xe3309f7f, call);  // help.termsOfServiceUpdateEmpty
}

Bytes get_promo_data(Call& call, tl::Reader&) {
    return expiring(0x98f6ac75, call);  // help.promoDataEmpty
}

Bytes get_countries_list(Call&, tl::Reader&) {
    tl::Writer w;
    w.write_uint32(0x93cc1f32);  // help.countriesListNotModified
    return w.take();
}

// No Premium offer on this server: an empty promo (text, entities, sections, videos, options,
// users).
Bytes get_premium_promo(Call&, tl::Reader&) {
    tl::Writer w;
    w.write_uint32(0x5334759c);  // help.premiumPromo
    w.write_string("");
    for (int i = 0; i < 5; ++i) w.write_vector_header(0);
    return w.take();
}

}  // namespace

void register_startup_help(MethodTable& t) {
    t.add(0x52029342, get_cdn_config);               // help.getCdnConfig
    t.add(0x2ca51fd1, get_terms_of_service_update);  // help.getTermsOfServiceUpdate
    t.add(0xc0977421, get_promo_data);               // help.getPromoData
    t.add(0x735787a8, get_countries_list);           // help.getCountriesList
    t.add(0xb81b93d4, get_premium_promo);            // help.getPremiumPromo
}

}  // namespace tgs::testdc::methods
