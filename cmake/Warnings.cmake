# Project-wide warning and sanitizer flags, applied to our own targets via tgs_project_options.
add_library(tgs_project_options INTERFACE)
target_compile_options(tgs_project_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                                     -Wnon-virtual-dtor -Wcast-align -Wunused)
if(TGS_WERROR)
  target_compile_options(tgs_project_options INTERFACE -Werror)
endif()
if(TGS_SANITIZE)
  target_compile_options(tgs_project_options INTERFACE -fsanitize=address,undefined
                                                       -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(tgs_project_options INTERFACE -fsanitize=address,undefined)
endif()
# ThreadSanitizer, for the threaded paths (`status` online runs one io_context per CPU; see
# docs/sanitizers.md). It cannot be combined with ASan.
if(TGS_TSAN)
  if(TGS_SANITIZE)
    message(FATAL_ERROR "TGS_TSAN and TGS_SANITIZE exclude each other")
  endif()
  target_compile_options(tgs_project_options INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(tgs_project_options INTERFACE -fsanitize=thread)
endif()
