#include <sodium.h>

#include "internal.hpp"
#include "tgs/error.hpp"

namespace tgs::session::detail {

void fail(std::string_view code, const std::string& message) {
    throw Error(std::string(code), message);
}

namespace {
int sodium_variant(B64 v) {
    switch (v) {
        case B64::Standard:
            return sodium_base64_VARIANT_ORIGINAL;
        case B64::StandardUnpadded:
            return sodium_base64_VARIANT_ORIGINAL_NO_PADDING;
        case B64::Urlsafe:
            return sodium_base64_VARIANT_URLSAFE;
        case B64::UrlsafeUnpadded:
            return sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    }
    return sodium_base64_VARIANT_ORIGINAL;
}
}  // namespace

std::string b64_encode(ByteView data, B64 variant) {
    const int v = sodium_variant(variant);
    std::string out(sodium_base64_encoded_len(data.size(), v), '\0');
    sodium_bin2base64(out.data(), out.size(), data.data(), data.size(), v);
    out.resize(out.size() - 1);  // drop the terminating NUL libsodium writes
    return out;
}

WipedBytes::~WipedBytes() {
    if (capacity() != 0) sodium_memzero(data(), capacity());
}

std::optional<WipedBytes> b64_decode(std::string_view text, B64 variant) {
    WipedBytes out(text.size() * 3 / 4 + 3);
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                          sodium_variant(variant)) != 0 ||
        end != text.data() + text.size()) {
        return std::nullopt;
    }
    out.resize(len);
    return out;
}

std::string telethon_display_name(const SelfUser& u) {
    if (!u.first_name.empty() && !u.last_name.empty()) return u.first_name + " " + u.last_name;
    return u.first_name.empty() ? u.last_name : u.first_name;
}

std::string ascii_lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::optional<std::int64_t> phone_as_integer(const std::string& phone) {
    if (phone.empty() || phone.size() > 18 ||
        phone.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return static_cast<std::int64_t>(std::stoll(phone));
}

}  // namespace tgs::session::detail
