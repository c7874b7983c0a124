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
