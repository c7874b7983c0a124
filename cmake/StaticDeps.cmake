# Start-up time of the programs (issue 8: one `status --offline` of one file within 2 ms of
# process time). Loading and relocating shared libstdc++, libcrypto, libsqlite3, libsodium,
# libspdlog and libfmt cost ~3.5 ms of the ~5.5 ms such a process took; linked statically they
# cost ~0.9 ms. TGS_STATIC_DEPS=OFF links them shared again (for example for a distribution
# package that wants OpenSSL security updates to reach tgsession without a rebuild).
# Never with shared layer libraries (their objects would carry private copies) or sanitizer and
# fuzzing builds.
option(TGS_STATIC_DEPS
       "Link libstdc++, libcrypto, SQLite, libsodium, zlib and spdlog/fmt into the programs statically"
       ON)
set(TGS_STATIC_DEPS_ACTIVE OFF)
if(TGS_STATIC_DEPS AND NOT BUILD_SHARED_LIBS AND NOT TGS_SANITIZE AND NOT TGS_FUZZ)
  find_library(TGS_CRYPTO_ARCHIVE NAMES libcrypto.a)
  find_library(TGS_SQLITE_ARCHIVE NAMES libsqlite3.a)
  find_library(TGS_SODIUM_ARCHIVE NAMES libsodium.a)
  find_library(TGS_ZLIB_ARCHIVE NAMES libz.a)
  if(TGS_CRYPTO_ARCHIVE AND TGS_SQLITE_ARCHIVE AND TGS_SODIUM_ARCHIVE AND TGS_ZLIB_ARCHIVE)
    set(TGS_STATIC_DEPS_ACTIVE ON)
    # The imported targets point at the archives for this build only; the installed package
    # config (tgsessionDependencies.cmake) lets consumers find their own.
    set_target_properties(OpenSSL::Crypto PROPERTIES IMPORTED_LOCATION ${TGS_CRYPTO_ARCHIVE})
    set_property(TARGET OpenSSL::Crypto APPEND PROPERTY INTERFACE_LINK_LIBRARIES
                 Threads::Threads ${CMAKE_DL_LIBS})
    set_target_properties(SQLite::SQLite3 PROPERTIES IMPORTED_LOCATION ${TGS_SQLITE_ARCHIVE})
    set_property(TARGET SQLite::SQLite3 APPEND PROPERTY INTERFACE_LINK_LIBRARIES m)
    set_target_properties(PkgConfig::SODIUM PROPERTIES INTERFACE_LINK_LIBRARIES
                                                       "${TGS_SODIUM_ARCHIVE};Threads::Threads")
    # One shared library less to map and relocate at every start (zlib1g-dev ships the archive).
    set_target_properties(ZLIB::ZLIB PROPERTIES IMPORTED_LOCATION ${TGS_ZLIB_ARCHIVE})
  else()
    message(STATUS "TGS_STATIC_DEPS: static archives missing; the programs link shared ones")
  endif()
endif()

# Logging for the programs: header-only spdlog/fmt when linking statically (their shared
# libraries would load libstdc++.so again).
add_library(tgs_spdlog INTERFACE)
if(TGS_STATIC_DEPS_ACTIVE)
  target_link_libraries(tgs_spdlog INTERFACE spdlog::spdlog_header_only fmt::fmt-header-only)
else()
  target_link_libraries(tgs_spdlog INTERFACE spdlog::spdlog)
endif()

# Packed relative relocations (DT_RELR, binutils 2.38 + glibc 2.36): the ~24,600 relative
# relocations of a position-independent program with libcrypto linked in take 590 KB as RELA
# entries, which the loader reads (and the kernel maps: ~0.55 MiB of a login's peak RSS, ~10
# page faults per start); as RELR they take 7 KB. The program keeps its ASLR (-no-pie would not).
include(CheckLinkerFlag)
check_linker_flag(CXX "LINKER:-z,pack-relative-relocs" TGS_LINKER_HAS_RELR)

# tgs_fast_start(<executable>): the program's own link: static libstdc++/libgcc, no shared
# library it does not use (libfmt stays listed by spdlog's header-only target), optimised
# hash tables for the loader's remaining lookups, packed relative relocations.
function(tgs_fast_start target)
  target_link_options(${target} PRIVATE LINKER:-O1 LINKER:--hash-style=gnu LINKER:--as-needed)
  if(TGS_STATIC_DEPS_ACTIVE)
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
  if(TGS_LINKER_HAS_RELR)
    target_link_options(${target} PRIVATE LINKER:-z,pack-relative-relocs)
  endif()
endfunction()
