#include "tgs/testdc/cluster.hpp"

#include <asio/ip/address.hpp>
#include <cstring>
#include <nlohmann/json.hpp>

#include "connection.hpp"

namespace tgs::testdc {

namespace {

ClusterOptions with_dcs(const ServeOptions& o, const crypto::RsaPrivateKey& key) {
    ClusterOptions c = o.rules;
    c.rsa_public_key_pem = key.public_key().to_pem();
    c.dcs.clear();
    for (int i = 1; i <= o.dc_count; ++i) {
        c.dcs.push_back({i, o.host, o.base_port == 0 ? 0 : o.base_port + i - 1});
    }
    return c;
}

std::vector<crypto::RsaPrivateKey> one_key(crypto::RsaPrivateKey key) {
    std::vector<crypto::RsaPrivateKey> v;
    v.push_back(std::move(key));
    return v;
}

}  // namespace

Cluster::Cluster(asio::io_context& io, ServeOptions options, crypto::RsaPrivateKey key,
                 Accounts accounts)
    : io_(io),
      options_(std::move(options)),
      keys_(one_key(std::move(key))),
      state_(with_dcs(options_, keys_.front())),
      handler_(std::move(accounts), state_, crypto::system_random()),
      save_timer_(io) {
    const auto skew_ns = options_.faults.clock_skew * mtproto::kNanosPerSecond;
    auto base = mtproto::system_clock();
    clock_ = [base, skew_ns] { return base() + skew_ns; };
    Bytes salt(8);
    crypto::secure_random(salt);
    std::memcpy(&salt_, salt.data(), 8);
    if (!options_.state_file.empty()) {
        state_.load(options_.state_file);
        // Keys that expired while the DC was down are gone (the file forgets them at the
        // first save).
        forget_expired_keys(now_seconds());
    }
}

Cluster::~Cluster() {
    // Acceptors and sockets must go before the io_context runs again; a cluster destroyed
    // without stop() (a failing test) still releases its ports.
    if (!stopped_) stop();
}

void Cluster::start() {
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
    if (!address.is_loopback()) {
        // The test DC hands out logins for any phone number and keeps keys in a plain file.
        log()(LogLevel::Warn, "listening on " + options_.host +
                                  ", not a loopback address: anyone who can reach it can use "
                                  "this test DC");
    }
}

void Cluster::accept_on(std::size_t index) {
    acceptors_[index]->async_accept([this, index](std::error_code ec,
                                                  asio::ip::tcp::socket socket) {
        if (ec) {
            if (ec != asio::error::operation_aborted && !stopped_) {
                log()(LogLevel::Warn,
                      "accept on dc" + std::to_string(index + 1) + " failed: " + ec.message());
                accept_on(index);
            }
            return;
        }
        if (options_.limits.max_connections > 0 &&
            all_.size() >= static_cast<std::size_t>(options_.limits.max_connections)) {
            ++refused_;
            log()(LogLevel::Warn, "dc" + std::to_string(index + 1) + ": " +
                                      std::to_string(all_.size()) +
                                      " connections open (--max-connections); closing a new one");
            std::error_code ignored;
            socket.close(ignored);
            accept_on(index);
            return;
        }
        socket.set_option(asio::ip::tcp::no_delay(true));
        std::make_shared<Connection>(*this, std::move(socket), static_cast<int>(index) + 1)
            ->start();
        accept_on(index);
    });
}

void Cluster::stop() {
    stopped_ = true;
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

std::string Cluster::public_key_pem() const {
    return keys_.front().public_key().to_pem();
}

std::string Cluster::config_json() const {
    nlohmann::ordered_json dcs_json = nlohmann::ordered_json::array();
    for (const auto& dc : dcs()) {
        nlohmann::ordered_json d;
        d["id"] = dc.id;
        d["host"] = dc.host;
        d["port"] = dc.port;
        dcs_json.push_back(std::move(d));
    }
    nlohmann::ordered_json config;
    config["dcs"] = std::move(dcs_json);
    config["rsa_public_keys"] = nlohmann::ordered_json::array({public_key_pem()});
    return config.dump();
}

Reply Cluster::answer(const CallContext& ctx, ByteView request) {
    return request_handler_ ? request_handler_(ctx, request) : handler_.handle(ctx, request);
}

void Cluster::on_new_key(std::uint64_t id, Bytes key, int dc, std::int64_t now,
                         std::int32_t expires_in) {
    {
        std::lock_guard lock(handler_.mutex());
        auto& rec = state_.add_auth_key(id, std::move(key), dc, now);
        if (expires_in > 0) rec.expires_at = now + expires_in;
        // Without --state nothing saves, so the memory is swept here, at most once a minute.
        if (now - last_sweep_ >= kSweepEverySeconds) forget_expired_keys(now);
    }
    ++handshakes_;
    save_state(true);
}

void Cluster::save_state(bool force) {
    const auto changes = handler_.take_changes();
    if (changes.dirty || force) unsaved_ = true;
    if (changes.touched) touched_ = true;
    if (options_.state_file.empty() || (!unsaved_ && !touched_) || stopped_) return;
    // Every request marks its key active, and with 10,000 keys the file is megabytes: writing
    // it per request made the whole DC wait on it. Changes within kSaveEvery share one write
    // (kActivitySaveEvery when only activity changed); stop() (SIGTERM/SIGINT in
    // tgsession-testdc) writes whatever is left.
    const auto due =
        asio::steady_timer::clock_type::now() + (unsaved_ ? kSaveEvery : kActivitySaveEvery);
    if (save_scheduled_ && save_due_ <= due) return;
    save_scheduled_ = true;
    save_due_ = due;
    save_timer_.expires_at(due);  // a later wait (activity only) is cancelled: this one is due
    save_timer_.async_wait([this](std::error_code ec) {
        if (ec) return;  // cancelled: replaced by an earlier wait, or stop()
        save_scheduled_ = false;
        flush_state();
    });
}

void Cluster::flush_state() {
    const auto changes = handler_.take_changes();
    unsaved_ = unsaved_ || changes.dirty;
    touched_ = touched_ || changes.touched;
    if (options_.state_file.empty() || (!unsaved_ && !touched_)) return;
    unsaved_ = false;
    touched_ = false;
    try {
        std::lock_guard lock(handler_.mutex());
        // Here, not per request: the save walks every key anyway, and a client making a new
        // temporary key per DC each day (Telegram Desktop) would otherwise grow the file for ever.
        forget_expired_keys(now_seconds());
        state_.save(options_.state_file);
    } catch (const std::exception& e) {
        log()(LogLevel::Error, std::string("saving state failed: ") + e.what());
    }
}

void Cluster::forget_expired_keys(std::int64_t now) {
    last_sweep_ = now;
    if (const auto dropped = state_.drop_expired_keys(now)) {
        log()(LogLevel::Debug,
              "forgot " + std::to_string(dropped) + " expired temporary auth key(s)");
    }
}

void Cluster::attach(std::uint64_t auth_key_id, const std::shared_ptr<Connection>& c) {
    by_key_[auth_key_id].insert(c);
}

void Cluster::detach(std::uint64_t auth_key_id, const std::shared_ptr<Connection>& c) {
    auto it = by_key_.find(auth_key_id);
    if (it == by_key_.end()) return;
    it->second.erase(c);
    if (it->second.empty()) by_key_.erase(it);
}

void Cluster::deliver(const Push& push) {
    auto it = by_key_.find(push.auth_key_id);
    if (it == by_key_.end()) return;
    auto targets = it->second;  // push() may close and detach
    for (const auto& c : targets) c->push(push.body);
}

}  // namespace tgs::testdc
