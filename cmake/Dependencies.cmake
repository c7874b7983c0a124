# Every dependency is a Debian 12 package (see DEPS.md); nothing is fetched at build time.
# What the libraries link lives in tgsessionDependencies.cmake (installed with the package, so
# consumers find the same); add a library's new dependency there, not here.
macro(tgs_dependency)
  find_package(${ARGV} REQUIRED)
endmacro()
macro(tgs_pkg_dependency prefix module)
  pkg_check_modules(${prefix} REQUIRED IMPORTED_TARGET ${module})
endmacro()
include(${CMAKE_CURRENT_LIST_DIR}/tgsessionDependencies.cmake)
if(NOT TGS_ASIO_INCLUDE_DIR)
  message(FATAL_ERROR "asio.hpp not found: install libasio-dev")
endif()

# The applications' own.
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)

include(${CMAKE_CURRENT_LIST_DIR}/StaticDeps.cmake)

# Asio as a target the libraries link (exported as tgsession::asio; tgsessionConfig.cmake points
# it at the consumer's Asio).
add_library(tgs_asio INTERFACE)
set_target_properties(tgs_asio PROPERTIES EXPORT_NAME asio)
target_include_directories(tgs_asio SYSTEM INTERFACE $<BUILD_INTERFACE:${TGS_ASIO_INCLUDE_DIR}>)
target_compile_definitions(tgs_asio INTERFACE ASIO_STANDALONE ASIO_NO_DEPRECATED)
target_link_libraries(tgs_asio INTERFACE Threads::Threads)

if(TGS_BUILD_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
if(TGS_BUILD_BENCH)
  find_package(benchmark QUIET)
  if(NOT benchmark_FOUND)
    set(TGS_BUILD_BENCH OFF)
  endif()
endif()
# GCC 12 misreports asio's coroutine-frame allocator as a mismatched new/delete pair.
target_compile_options(tgs_asio INTERFACE $<$<CXX_COMPILER_ID:GNU>:-Wno-mismatched-new-delete>)
# Asio 1.22 turns co_await on for clang only through the Coroutines TS macro (__cpp_coroutines),
# which clang 14 no longer defines in C++20 mode; its standard coroutines are what we use.
target_compile_definitions(tgs_asio INTERFACE $<$<CXX_COMPILER_ID:Clang>:ASIO_HAS_CO_AWAIT=1>)
