#include "loopback_server.hpp"

#include "in_process_dc.hpp"

namespace tgs::test {

namespace {

testdc::ServeOptions one_dc() {
    testdc::ServeOptions o;
    o.dc_count = 1;
    return o;
}

testdc::RequestHandler adapt(LoopbackServer::Handler handler) {
    return [handler = std::move(handler)](const testdc::CallContext&, ByteView request) {
        const Answer answer = handler(request);
        testdc::Reply reply;
        reply.silent = answer.silent;
        if (answer.result) {
            reply.body = *answer.result;
        } else {
            reply.error = answer.error_message;
            reply.error_code = answer.error_code;
        }
        return reply;
    };
}

}  // namespace

LoopbackServer::LoopbackServer(asio::io_context& io, Handler handler)
    : cluster_(io, one_dc(), crypto::RsaPrivateKey::from_pem(shared_test_key().to_pem()),
               testdc::Accounts::convention(1)) {
    cluster_.set_request_handler(adapt(std::move(handler)));
    cluster_.start();
}

crypto::RsaPublicKey LoopbackServer::public_key() const {
    return crypto::RsaPublicKey::from_pem(cluster_.public_key_pem());
}

}  // namespace tgs::test
