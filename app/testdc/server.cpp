#include "server.hpp"

#include <spdlog/spdlog.h>

#include <asio/ip/address.hpp>
#include <cstring>

#include "connection.hpp"

namespace tgs::testdc::app {

namespace {

ClusterOptions cluster_options(const Options& o) {
    ClusterOptions c;
    for (int i = 1; i <= o.dcs; ++i) c.dcs.push_back({i, o.host, o.port == 0 ? 0 : o.port + i - 1});
    c.code_ttl_seconds = o.code_ttl;
    c.flood_after = o.flood_after;
    c.flood_wait_seconds = o.flood_wait;
    c.fresh_reset_seconds = o.fresh_reset;
    return c;
}

std::vector<crypto::RsaPrivateKey> one_key(crypto::RsaPrivateKey key) {
    std::vector<crypto::RsaPrivateKey> v;
    v.push_back(std::move(key));
    return v;
}

}  // namespace

Server::Server(asio::io_context& io, Options options, crypto::RsaPrivateKey key, Accounts accounts)
    : io_(io),
      options_(std::move(options)),
      keys_(one_key(std::move(key))),
      state_(cluster_options(options_)),
      handler_(std::move(accounts), state_, crypto::system_random()),
      save_timer_(io) {
    const auto skew_ns = options_.faults.clock_skew * mtproto::kNanosPerSecond;
    auto base = mtproto::system_clock();
    clock_ = [base, skew_ns] { return base() + skew_ns; };
    Bytes salt(8);
    crypto::secure_random(salt);
    std::memcpy(&salt_, salt.data(), 8);
    if (!options_.state_file.empty()) state_.load(options_.state_file);
}

void Server::start() {
    const auto address = asio::ip::make_address(options_.host);
    // ClusterState's DC list is what help.getConfig reports: fill in the bound ports.
    auto& dcs = const_cast<std::vector<DcAddress>&>(state_.options().dcs);
    for (std::size_t i = 0; i < dcs.size(); ++i) {
        auto acceptor = std::make_unique<asio::ip::tcp::acceptor>(io_);
        asio::ip::tcp::endpoint ep(address, static_cast<unsigned short>(dcs[i].port));
        acceptor->open(ep.protocol());
        acceptor->set_option(asio::ip::tcp::acceptor::reuse_address(true));
        acceptor->bind(ep);
        acceptor->listen(asio::socket_base::max_listen_connections);
        dcs[i].port = acceptor->local_endpoint().port();
        acceptors_.push_back(std::move(acceptor));
    }
    for (std::size_t i = 0; i < acceptors_.size(); ++i) accept_on(i);
}

void Server::accept_on(std::size_t index) {
    acceptors_[index]->async_accept(
        [this, index](std::error_code ec, asio::ip::tcp::socket socket) {
            if (ec) {
                if (ec != asio::error::operation_aborted) {
                    spdlog::warn("accept on dc{} failed: {}", index + 1, ec.message());
                    accept_on(index);
                }
                return;
            }
            socket.set_option(asio::ip::tcp::no_delay(true));
            std::make_shared<Connection>(*this, std::move(socket), static_cast<int>(index) + 1)
                ->start();
            accept_on(index);
        });
}

void Server::stop() {
    for (auto& a : acceptors_) {
        std::error_code ec;
        a->close(ec);
    }
    auto all = all_;
    for (const auto& c : all) c->close();
    save_timer_.cancel();
    unsaved_ = true;  // the final write happens even when nothing changed (as before batching)
    flush_state();
}

void Server::save_state(bool force) {
    if (handler_.take_dirty() || force) unsaved_ = true;
    if (options_.state_file.empty() || !unsaved_ || save_scheduled_) return;
    // Every request marks its key active, and with 10,000 keys the file is megabytes: writing
    // it per request made the whole DC wait on it. Changes within kSaveEvery share one write;
    // SIGTERM/SIGINT write whatever is left.
    save_scheduled_ = true;
    save_timer_.expires_after(kSaveEvery);
    save_timer_.async_wait([this](std::error_code ec) {
        save_scheduled_ = false;
        if (!ec) flush_state();
    });
}

void Server::flush_state() {
    unsaved_ = unsaved_ || handler_.take_dirty();
    if (options_.state_file.empty() || !unsaved_) return;
    unsaved_ = false;
    try {
        std::lock_guard lock(handler_.mutex());
        state_.save(options_.state_file);
    } catch (const std::exception& e) {
        spdlog::error("saving state failed: {}", e.what());
    }
}

void Server::attach(std::uint64_t auth_key_id, const std::shared_ptr<Connection>& c) {
    by_key_[auth_key_id].insert(c);
}

void Server::detach(std::uint64_t auth_key_id, const std::shared_ptr<Connection>& c) {
    auto it = by_key_.find(auth_key_id);
    if (it == by_key_.end()) return;
    it->second.erase(c);
    if (it->second.empty()) by_key_.erase(it);
}

void Server::deliver(const Push& push) {
    auto it = by_key_.find(push.auth_key_id);
    if (it == by_key_.end()) return;
    auto targets = it->second;  // push() may close and detach
    for (const auto& c : targets) c->push(push.body);
}

}  // namespace tgs::testdc::app
