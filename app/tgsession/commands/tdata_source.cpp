#include "tdata_source.hpp"

#include <sys/stat.h>

#include "tgs/error.hpp"
#include "tgs/session/errors.hpp"
#include "tgs/session/tdata.hpp"

namespace tgsession {

namespace tdata = tgs::session::tdata;

bool is_tdata_source(const std::filesystem::path& path) {
    return tdata::is_tdata_folder(path);
}

tgs::session::LoadedSession load_tdata(const AppContext& ctx, const std::filesystem::path& dir,
                                       std::optional<int> account) {
    tdata::Folder folder;
    try {
        // Most folders have no passcode: the empty one costs a single PBKDF2 round.
        folder = tdata::read_folder(dir);
    } catch (const tgs::Error& e) {
        if (e.code() != tgs::session::errc::tdata_passcode_required) throw;
        SecretSpec spec;
        spec.what = "Telegram Desktop local passcode";
        spec.file = ctx.opts.global.passphrase_file;
        spec.file_flag = "--passphrase-file";
        spec.env_var = "TGSESSION_PASSPHRASE";
        spec.prompt = "Local passcode of " + dir.string() + ": ";
        spec.missing_code = std::string(tgs::session::errc::tdata_passcode_required);
        folder = tdata::read_folder(dir, resolve_secret(spec, ctx.secrets).value);
    }
    const auto& a = tdata::account_at(folder, account.value_or(folder.active_index));
    tgs::session::LoadedSession loaded;
    loaded.data = tdata::to_session(a);
    loaded.format = tgs::session::Format::Tdata;
    struct stat st {};
    if (::stat((dir / "key_datas").c_str(), &st) == 0) loaded.file_mode = st.st_mode;
    return loaded;
}

}  // namespace tgsession
