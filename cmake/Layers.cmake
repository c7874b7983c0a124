# The layer libraries. Each is built, exported and installed the same way: the installed package
# (cmake/Install.cmake) offers tgs_<layer> as tgsession::<layer>, and the build defines the same
# names as aliases, so code written against the installed package also builds in this tree.

# Where the public headers go: under their own directory, so `tgs/` never lands in /usr/include.
set(TGS_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/tgsession)

if(BUILD_SHARED_LIBS)
  # Installed programs find the shared layer libraries relative to themselves, in any prefix.
  file(RELATIVE_PATH bin_to_lib /prefix/${CMAKE_INSTALL_BINDIR} /prefix/${CMAKE_INSTALL_LIBDIR})
  set(CMAKE_INSTALL_RPATH "$ORIGIN/${bin_to_lib}")
endif()

# tgs_library(name SOURCES...) declares one layer library (static unless BUILD_SHARED_LIBS) with
# its public include dir, and registers it for install and export.
function(tgs_library name)
  string(REGEX REPLACE "^tgs_" "" layer ${name})
  add_library(${name} ${ARGN})
  add_library(tgsession::${layer} ALIAS ${name})
  set_target_properties(${name} PROPERTIES
    EXPORT_NAME ${layer}
    OUTPUT_NAME tgsession-${layer}
    VERSION ${PROJECT_VERSION}
    # Before 1.0 every minor release may change the ABI.
    SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
  target_include_directories(${name} PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    $<INSTALL_INTERFACE:${TGS_INSTALL_INCLUDEDIR}>)
  # Consumers of the installed headers need C++20 too.
  target_compile_features(${name} PUBLIC cxx_std_20)
  # Warning flags are this project's business, not its consumers'.
  target_link_libraries(${name} PRIVATE $<BUILD_INTERFACE:tgs_project_options>)
  install(TARGETS ${name} EXPORT tgsessionTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT dev)
  if(NOT BUILD_SHARED_LIBS)
    # `cmake --install --strip` and cpack strip programs and shared libraries but leave static
    # ones alone; their debug info is most of their size, so drop it (keeping the symbols).
    install(CODE "if(CMAKE_INSTALL_DO_STRIP)
      execute_process(COMMAND \"${CMAKE_STRIP}\" --strip-debug
        \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/$<TARGET_FILE_NAME:${name}>\"
        COMMAND_ERROR_IS_FATAL ANY)
    endif()" COMPONENT dev)
  endif()
  install(DIRECTORY include/ DESTINATION ${TGS_INSTALL_INCLUDEDIR} COMPONENT dev)
  # Bottom-up order, which tgsession.pc reverses for static linking.
  set_property(GLOBAL APPEND PROPERTY TGS_LAYERS ${layer})
endfunction()

# tgs_layer(name PUBLIC_LIBS <libs...> PRIVATE_LIBS <libs...>): a layer library made of every
# src/*.cpp in the current directory.
function(tgs_layer name)
  cmake_parse_arguments(L "" "" "PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  tgs_library(${name} ${sources})
  target_link_libraries(${name} PUBLIC ${L_PUBLIC_LIBS} PRIVATE ${L_PRIVATE_LIBS})
endfunction()
