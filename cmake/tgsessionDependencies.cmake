# The third-party packages tgsession's libraries link, in one list for two readers: this build
# (cmake/Dependencies.cmake) and, installed next to tgsessionConfig.cmake, every consumer of the
# package (static libraries carry their private dependencies to the final link). The includer
# defines how a missing one fails: tgs_dependency(<find_package args>) and
# tgs_pkg_dependency(<prefix> <pkg-config module>).
tgs_dependency(Threads)
tgs_dependency(OpenSSL COMPONENTS Crypto)
tgs_dependency(ZLIB)
tgs_dependency(SQLiteCpp)
tgs_dependency(nlohmann_json 3.10)
tgs_dependency(PkgConfig)
tgs_pkg_dependency(SODIUM libsodium)
tgs_pkg_dependency(LIBPQ libpq)
# Standalone Asio is header-only: lib/net's public headers include it.
find_path(TGS_ASIO_INCLUDE_DIR asio.hpp)
