# `cpack` (or `cpack --preset release`): two Debian packages from the install components,
#   tgsession      the programs, man pages and completions (Depends from dpkg-shlibdeps),
#   tgsession-dev  libraries, headers, the CMake package and tgsession.pc.
set(TGS_PACKAGE_MAINTAINER "tgsession developers <tgsession@invalid>" CACHE STRING
    "Maintainer field of the .deb packages")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tgsession)
set(CPACK_PACKAGE_VENDOR tgsession)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${TGS_PACKAGE_MAINTAINER})
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL runtime dev)
if(BUILD_SHARED_LIBS)
  # The programs link the shared layer libraries from the runtime package; the dev package's
  # .so links point at them.
  set(CPACK_COMPONENT_DEV_DEPENDS runtime)
  set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
endif()

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${TGS_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME tgsession)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION net)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SUGGESTS bash-completion)
# libpq is loaded with dlopen only for postgresql:// locations (lib/session/src/pg_libpq.hpp), so
# dpkg-shlibdeps cannot see it.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS libpq5)
# libqrencode is loaded with dlopen for QR login (app/tgsession/core/qr_render.cpp); QR login is
# part of the CLI, so it is a dependency all the same (dpkg-shlibdeps adds the rest).
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS libqrencode4)
# First line: the summary (so project() has no DESCRIPTION: CPack would put that first);
# CPack indents the rest as Debian's extended description.
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "log in to Telegram and manage .session files
tgsession logs in to Telegram over MTProto 2.0 (phone and code, 2FA password, QR code or bot \
token) and writes .session files that Telethon, Pyrogram and GramJS open. tgsession-testdc is \
a local multi-DC Telegram emulator to try it offline.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME tgsession-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# Headers and static libraries carry no ELF dependencies for dpkg-shlibdeps to find: the
# development packages of what the libraries link (cmake/tgsessionDependencies.cmake).
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libssl-dev, zlib1g-dev, libsodium-dev, libsqlitecpp-dev, libsqlite3-dev, libpq-dev, nlohmann-json3-dev, libasio-dev")
set(CPACK_DEBIAN_DEV_DESCRIPTION "C++20 library to log in to Telegram (development files)
The tgsession layer libraries (MTProto 2.0 transport, handshake and sessions, the login API, \
session file formats, the test DC), their headers, a CMake package (find_package(tgsession)) \
and a pkg-config file (tgsession.pc).")

include(CPack)
