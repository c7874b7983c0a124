// The seed's "manual login" (Telethon v2 docs, "Signing in") written with tgsession's Client:
// is_authorized → request_login_code → sign_in → (2FA) check_password, or bot_sign_in.
//
//   TG_API_ID=... TG_API_HASH=... tgs_example_login SESSION [SERVER_CONFIG.json]
//
// SERVER_CONFIG is what `tgsession-testdc --write-config` writes, to try it offline.
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "tgs/auth/client.hpp"
#include "tgs/session/format.hpp"
#include "tgs/session/store.hpp"

namespace {

std::string input(const std::string& prompt) {
    std::cerr << prompt << std::flush;
    std::string line;
    std::getline(std::cin, line);
    return line;
}

// Like Python's getpass: no echo while typing.
std::string read_password(const std::string& prompt) {
    termios old{};
    const bool tty = ::tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        termios quiet = old;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    const std::string line = input(prompt);
    if (tty) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    std::cerr << '\n';
    return line;
}

void load_server_config(const char* path, tgs::auth::ClientConfig& config) {
    std::ifstream in(path);
    const auto j = nlohmann::json::parse(in);
    for (const auto& dc : j.at("dcs")) {
        config.dcs[dc.at("id").get<int>()] = {dc.at("host").get<std::string>(),
                                              dc.at("port").get<int>()};
    }
    for (const auto& key : j.value("rsa_public_keys", nlohmann::json::array())) {
        config.rsa_keys_pem.push_back(key.get<std::string>());
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::getenv("TG_API_ID") == nullptr || std::getenv("TG_API_HASH") == nullptr) {
        std::cerr << "usage: TG_API_ID=... TG_API_HASH=... " << argv[0]
                  << " SESSION [SERVER_CONFIG.json]\n";
        return 64;
    }
    // SESSION, API_ID, API_HASH as in the seed. The session path gets ".session" if it has no
    // extension, as Telethon does.
    const auto session = tgs::session::session_path(argv[1]);
    tgs::auth::ClientConfig config;
    config.api_id = std::atoi(std::getenv("TG_API_ID"));
    config.api_hash = std::getenv("TG_API_HASH");
    if (argc > 2) load_server_config(argv[2], config);

    tgs::session::SessionData data;
    if (std::filesystem::exists(session)) data = tgs::session::open_read_only(session).data;

    try {
        tgs::auth::Client client(config, data);
        client.connect();

        if (!client.is_authorized()) {
            const std::string phone_or_token = input("phone (or bot token): ");
            tgs::auth::User user;
            if (phone_or_token.find(':') != std::string::npos) {
                // A bot account needs no code and cannot have a password.
                user = client.bot_sign_in(phone_or_token);
            } else {
                const auto login_token = client.request_login_code(phone_or_token);
                const std::string code = input("code: ");
                auto user_or_token = client.sign_in(login_token, code);
                if (auto* u = std::get_if<tgs::auth::User>(&user_or_token)) {
                    user = *u;
                } else {
                    // user_or_token is PasswordToken
                    const auto& password_token = std::get<tgs::auth::PasswordToken>(user_or_token);
                    const std::string password = read_password("password: ");
                    user = client.check_password(password_token, password);
                }
            }
            tgs::session::save(session, client.session(), tgs::session::Format::Telethon);
            std::cout << "signed in as " << user.first_name << " (id " << user.id << ")\n";
        } else if (auto me = client.get_me()) {
            std::cout << "already signed in as " << me->first_name << " (id " << me->id << ")\n";
        }
        client.disconnect();
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
