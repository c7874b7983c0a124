// Telegram Desktop's "TDF$" container (tdesktop storage_file_utilities.cpp): magic "TDF$", the
// writing app's version as a little-endian i32, the payload (Qt byte arrays), and
// MD5(payload + payload length (LE i32) + version (LE i32) + "TDF$"). A file "NAME" is stored
// as "NAMEs"; older apps wrote "NAME0"/"NAME1" alternately, and readers still take those.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "tgs/bytes.hpp"

namespace tgs::session::tdata::detail {

/// The version we write: Telegram Desktop 4.6.5's AppVersion. An app refuses files newer than
/// itself, so this must not exceed the version of the app that will read the folder.
inline constexpr std::int32_t kWriterVersion = 4'006'005;

struct TdfFile {
    std::int32_t version = 0;
    Bytes payload;
    std::filesystem::path path;  // the variant read ("...s", "...0" or "...1")
};

/// The whole file image: header, payload, checksum.
Bytes encode_tdf(ByteView payload, std::int32_t version = kWriterVersion);
/// Checks magic and MD5. Throws SESSION_TDATA_CORRUPT (no magic, too short) or
/// SESSION_TDATA_CHECKSUM, naming `path`.
TdfFile decode_tdf(ByteView image, const std::filesystem::path& path);

/// True when any of NAMEs / NAME0 / NAME1 exists under `dir`.
bool tdf_exists(const std::filesystem::path& dir, const std::string& name);
/// Reads NAMEs, else the newer of NAME0 / NAME1 (the other when the first is damaged).
/// Throws SESSION_NOT_FOUND when none exists, else the first candidate's error.
TdfFile read_tdf(const std::filesystem::path& dir, const std::string& name);
/// Writes NAMEs atomically (0600) and removes NAME0 / NAME1, as the app does after a save.
void write_tdf(const std::filesystem::path& dir, const std::string& name, ByteView payload);

}  // namespace tgs::session::tdata::detail
