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

# tgs_library(name SOURCES...) declares one layer's static library with its public include dir.
function(tgs_library name)
  add_library(${name} STATIC ${ARGN})
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(${name} PRIVATE tgs_project_options)
endfunction()

# tgs_layer(name PUBLIC_LIBS <libs...> PRIVATE_LIBS <libs...>): a layer library made of every
# src/*.cpp in the current directory. Does nothing while the layer has no sources yet.
function(tgs_layer name)
  cmake_parse_arguments(L "" "" "PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  if(NOT sources)
    return()
  endif()
  tgs_library(${name} ${sources})
  target_link_libraries(${name} PUBLIC ${L_PUBLIC_LIBS} PRIVATE ${L_PRIVATE_LIBS})
endfunction()
