// The fuzz targets themselves. Long-lived state (RSA key, test DC, temp dir) is built once
// per process on first use; everything else is fresh per input so runs are reproducible.
#include "fuzz_targets.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <variant>

#include "fuzz_fixtures.hpp"
#include "tgs/error.hpp"
#include "tgs/mtproto/container.hpp"
#include "tgs/mtproto/handshake_client.hpp"
#include "tgs/session/store.hpp"
#include "tgs/session/strings.hpp"
#include "tgs/tl/api.hpp"
#include "tgs/tl/mt.hpp"
#include "tgs/tl/reader.hpp"
#include "tgs/transport/codec.hpp"
#include "tgs/transport/server_codec.hpp"

namespace tgs::fuzz {
namespace {

/// Feeds `stream` to `codec` in chunks of `chunk` bytes, draining events after each.
void pump(transport::Codec& codec, ByteView stream, std::size_t chunk) {
    for (std::size_t off = 0; off < stream.size(); off += chunk) {
        codec.feed(stream.subspan(off, std::min(chunk, stream.size() - off)));
        while (codec.next()) {
        }
    }
    codec.finish();
}

// Byte 0 picks the chunk size; the rest is the stream a client sent.
void transport_server(ByteView in) {
    if (in.empty()) return;
    transport::ServerCodecOptions o;
    o.codec.random = counter_random(5);
    o.proxy_secret = proxy_secret();
    transport::ServerCodec codec(o);
    pump(codec, in.subspan(1), static_cast<std::size_t>(in[0]) + 1);
}

// Byte 0: protocol (low 2 bits) and chunk size (the rest); then the server's stream.
void transport_client(ByteView in) {
    if (in.empty()) return;
    transport::CodecOptions o;
    o.random = counter_random(6);
    auto codec = transport::make_codec(static_cast<transport::Protocol>(in[0] & 3u), o);
    pump(*codec, in.subspan(1), static_cast<std::size_t>(in[0] >> 2) + 1);
}

template <class T, class Read>
void read_all(ByteView body, Read read) {
    tl::Reader r(body);
    T value = read(r);
    (void)value;
}

// Byte 0 picks the boxed type; the rest is one serialized object.
void tl_api(ByteView in) {
    if (in.empty()) return;
    const ByteView b = in.subspan(1);
    using namespace tl;
    switch (in[0] % kApiTypes) {
        case 0:
            read_all<api::User>(b, [](Reader& r) { return api::read<api::User>(r); });
            break;
        case 1:
            read_all<api::auth_Authorization>(
                b, [](Reader& r) { return api::read<api::auth_Authorization>(r); });
            break;
        case 2:
            read_all<api::auth_SentCode>(
                b, [](Reader& r) { return api::read<api::auth_SentCode>(r); });
            break;
        case 3:
            read_all<api::Config>(b, [](Reader& r) { return api::read<api::Config>(r); });
            break;
        case 4:
            read_all<api::account_Password>(
                b, [](Reader& r) { return api::read<api::account_Password>(r); });
            break;
        default:
            read_all<api::Updates>(b, [](Reader& r) { return api::read<api::Updates>(r); });
            break;
    }
}

void tl_mt(ByteView in) {
    if (in.empty()) return;
    const ByteView b = in.subspan(1);
    using namespace tl;
    switch (in[0] % kMtTypes) {
        case 0:
            read_all<mt::ResPQ>(b, [](Reader& r) { return mt::read<mt::ResPQ>(r); });
            break;
        case 1:
            read_all<mt::Server_DH_Params>(
                b, [](Reader& r) { return mt::read<mt::Server_DH_Params>(r); });
            break;
        case 2:
            read_all<mt::Set_client_DH_params_answer>(
                b, [](Reader& r) { return mt::read<mt::Set_client_DH_params_answer>(r); });
            break;
        case 3:
            read_all<mt::BadMsgNotification>(
                b, [](Reader& r) { return mt::read<mt::BadMsgNotification>(r); });
            break;
        default:
            read_all<mt::RpcResult>(b, [](Reader& r) { return mt::read<mt::RpcResult>(r); });
            break;
    }
}

void container(ByteView in) {
    (void)mtproto::unpack_container(in, std::numeric_limits<std::int64_t>::max());
}

// A raw encrypted packet from the server, after the client sent one request.
void client_packet(ByteView in) {
    auto client = make_client_session();
    client.wrap_request(kRequestBody);
    (void)client.on_packet(in);
}

// A message body the server sent, encrypted correctly: reaches the service-message parsers.
void client_body(ByteView in) {
    auto client = make_client_session();
    client.wrap_request(kRequestBody);
    (void)client.on_packet(server_packet_for(in));
}

void server_packet(ByteView in) {
    auto server = make_server_session();
    (void)server.on_packet(in);
    (void)server.flush();
}

void server_body(ByteView in) {
    auto server = make_server_session();
    (void)server.on_packet(client_packet_for(in));
    (void)server.flush();
}

// Byte 0 below 0x80 picks the step (mod 3: 0 resPQ, 1 server_DH_params, 2 dh_gen answer); the
// rest is the server's body at that step, fed to a copy of the client after the recorded valid
// replies before it (handshake_snapshots(): the replayed steps' RSA and DH ran once, not per
// input). With bit 7 set the rest is a server_DH_inner_data body, encrypted by the harness as
// the server would: mutations of an encrypted answer never get past its SHA1, these reach the
// DH prime, g and g_a checks.
void handshake_client(ByteView in) {
    if (in.empty()) return;
    const auto& snapshots = handshake_snapshots();
    if (in[0] & 0x80) {
        auto client = snapshots.at(1).clone(counter_random(9));
        (void)client.on_message(server_dh_params_ok_around(in.subspan(1)), kUnixNow);
        return;
    }
    auto client = snapshots[in[0] % snapshots.size()].clone(counter_random(9));
    (void)client.on_message(in.subspan(1), kUnixNow);
}

void session_string(ByteView in) {
    (void)session::decode_string(
        std::string_view(reinterpret_cast<const char*>(in.data()), in.size()));
}

void session_file(ByteView in) {
    const auto path = scratch_dir() / "fuzz.session";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(in.data()),
                  static_cast<std::streamsize>(in.size()));
    }
    (void)session::open_read_only(path, seal_key());
}

void rpc_handler(ByteView in) {
    (void)test_dc().handle(rpc_context(), in);
}

}  // namespace

std::string& last_rejection() {
    thread_local std::string why;
    return why;
}

const std::vector<Target>& targets() {
    static const std::vector<Target> all = [] {
        std::vector<Target> v = {
            {"transport_server", guarded<transport_server>},
            {"transport_client", guarded<transport_client>},
            {"tl_api", guarded<tl_api>},
            {"tl_mt", guarded<tl_mt>},
            {"container", guarded<container>},
            {"client_packet", guarded<client_packet>},
            {"client_body", guarded<client_body>},
            {"server_packet", guarded<server_packet>},
            {"server_body", guarded<server_body>},
            {"handshake_client", guarded<handshake_client>},
            {"session_string", guarded<session_string>},
            {"session_file", guarded<session_file>},
            {"rpc_handler", guarded<rpc_handler>},
        };
        for (const auto& t : format_targets()) v.push_back(t);
        return v;
    }();
    return all;
}

const Target& target(std::string_view name) {
    for (const auto& t : targets())
        if (t.name == name) return t;
    throw Error("FUZZ_UNKNOWN_TARGET", std::string(name));
}

std::string corpus_dir(std::string_view name) {
    const char* root = std::getenv("TGS_FUZZ_CORPUS_DIR");
    std::string base = root ? root : TGS_FUZZ_DEFAULT_CORPUS_DIR;
    return base + "/" + std::string(name);
}

}  // namespace tgs::fuzz
