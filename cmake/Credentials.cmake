# Build-time API credentials. Telegram's guidance for applications: the developer's API id and
# hash are compiled into the program, so its users log in without registering their own.
#
#   cmake -DTGSESSION_API_ID=12345 -DTGSESSION_API_HASH=0123456789abcdef0123456789abcdef ...
#
# The hash never appears as a plain string: the generated source holds it XOR-masked with a
# random mask drawn at configure time, and the hash's cache entry is emptied once masked (the
# masked bytes stay in the cache, so a reconfigure keeps them). This stops `strings` and casual
# greps, not a determined reader of the binary, who can always unmask it.
set(TGSESSION_API_ID "0" CACHE STRING "API id compiled into tgsession (0: none)")
set(TGSESSION_API_HASH "" CACHE STRING
    "API hash compiled into tgsession, masked (emptied from the cache once masked)")

# _tgs_xor_hex(<out> <hex> <hex>): the bytewise XOR of two equally long hex strings.
function(_tgs_xor_hex out a b)
  string(LENGTH "${a}" n)
  set(result "")
  set(i 0)
  while(i LESS n)
    string(SUBSTRING "${a}" ${i} 2 x)
    string(SUBSTRING "${b}" ${i} 2 y)
    math(EXPR byte "0x${x} ^ 0x${y}" OUTPUT_FORMAT HEXADECIMAL)
    string(REGEX REPLACE "^0x" "" byte "${byte}")
    string(LENGTH "${byte}" len)
    if(len EQUAL 1)
      set(byte "0${byte}")
    endif()
    string(APPEND result "${byte}")
    math(EXPR i "${i} + 2")
  endwhile()
  set(${out} "${result}" PARENT_SCOPE)
endfunction()

# _tgs_c_bytes(<out> <hex>): "0x12, 0x34, ..." for a C array initialiser.
function(_tgs_c_bytes out hex)
  string(REGEX REPLACE "(..)" "0x\\1, " bytes "${hex}")
  set(${out} "${bytes}" PARENT_SCOPE)
endfunction()

# tgs_api_credentials(<name> API_ID <id> [API_HASH <hash>]): generates <name>_credentials.cpp in
# the current binary dir, defining tgsession::built_in_credentials() (app/tgsession/core/
# api_credentials.hpp), and sets <name>_CREDENTIALS_SOURCE to it. API_ID 0 means none. The
# masked hash and its mask are cached under <name>, so reconfiguring without API_HASH keeps them
# and giving the same hash again keeps the mask (no rebuild).
function(tgs_api_credentials name)
  cmake_parse_arguments(C "" "API_ID;API_HASH" "" ${ARGN})
  set(cached_id "${TGS_CREDENTIALS_${name}_ID}")
  set(masked "${TGS_CREDENTIALS_${name}_MASKED}")
  set(mask "${TGS_CREDENTIALS_${name}_MASK}")
  # (Compared as strings: a hex mask such as "0e12..." would read as the number zero.)
  set(have_cached FALSE)
  if(NOT mask STREQUAL "" AND cached_id STREQUAL C_API_ID)
    set(have_cached TRUE)
  endif()
  if(NOT C_API_ID MATCHES "^[0-9]+$")
    message(FATAL_ERROR "TGSESSION_API_ID must be a decimal number (0: none)")
  endif()
  if(C_API_ID EQUAL 0)
    set(masked "")
    set(mask "")
  elseif(NOT "${C_API_HASH}" STREQUAL "")
    # Never echo the value in an error: configure logs end up in CI output.
    if(NOT "${C_API_HASH}" MATCHES "^[0-9a-f]+$")
      message(FATAL_ERROR "TGSESSION_API_HASH must be the hex string from my.telegram.org")
    endif()
    string(HEX "${C_API_HASH}" plain)
    set(same FALSE)
    if(have_cached)
      _tgs_xor_hex(previous "${masked}" "${mask}")
      if(previous STREQUAL plain)
        set(same TRUE)
      endif()
    endif()
    if(NOT same)
      string(LENGTH "${plain}" hex_len)
      math(EXPR byte_count "${hex_len} / 2")
      file(READ /dev/urandom mask LIMIT ${byte_count} HEX)
      _tgs_xor_hex(masked "${plain}" "${mask}")
    endif()
  elseif(NOT have_cached)
    message(FATAL_ERROR "TGSESSION_API_ID needs TGSESSION_API_HASH with it (the hash belongs to the id)")
  endif()
  set(TGS_CREDENTIALS_${name}_ID "${C_API_ID}" CACHE INTERNAL "")
  set(TGS_CREDENTIALS_${name}_MASKED "${masked}" CACHE INTERNAL "")
  set(TGS_CREDENTIALS_${name}_MASK "${mask}" CACHE INTERNAL "")

  string(LENGTH "${mask}" hex_len)
  math(EXPR TGS_CRED_SIZE "${hex_len} / 2")
  set(TGS_CRED_API_ID ${C_API_ID})
  _tgs_c_bytes(TGS_CRED_MASKED "${masked}")
  _tgs_c_bytes(TGS_CRED_MASK "${mask}")
  set(source ${CMAKE_CURRENT_BINARY_DIR}/${name}_credentials.cpp)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/credentials.cpp.in ${source} @ONLY)
  set(${name}_CREDENTIALS_SOURCE ${source} PARENT_SCOPE)
endfunction()
