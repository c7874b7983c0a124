# What `cmake --install` puts in place, in two components: `runtime` (the programs, their man
# pages and shell completions: the tgsession .deb) and `dev` (libraries, headers, CMake package,
# pkg-config file: tgsession-dev). tests/install/expected_files.txt lists the result.

install(TARGETS tgsession tgsession-testdc RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        COMPONENT runtime)

# Man pages, compressed as Debian policy wants them (-n: no name or time stamp inside).
foreach(page tgsession.1 tgsession-testdc.1)
  set(source ${PROJECT_SOURCE_DIR}/man/${page})
  set(packed ${PROJECT_BINARY_DIR}/man/${page}.gz)
  add_custom_command(OUTPUT ${packed}
                     COMMAND gzip -9nc ${source} > ${packed}
                     DEPENDS ${source}
                     COMMENT "gzip man/${page}")
  list(APPEND man_pages ${packed})
endforeach()
add_custom_target(tgs_man_pages ALL DEPENDS ${man_pages})
install(FILES ${man_pages} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)

# Shell completions where each shell's system-wide loader looks.
install(FILES ${PROJECT_SOURCE_DIR}/completions/tgsession.bash RENAME tgsession
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/completions/_tgsession
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/completions/tgsession.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d COMPONENT runtime)

# The CMake package: find_package(tgsession) gives tgsession::<layer> (cmake/Layers.cmake).
include(CMakePackageConfigHelpers)
set(TGS_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/tgsession)
install(TARGETS tgs_asio EXPORT tgsessionTargets)
install(EXPORT tgsessionTargets NAMESPACE tgsession:: DESTINATION ${TGS_INSTALL_CMAKEDIR}
        COMPONENT dev)
configure_package_config_file(cmake/tgsessionConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/tgsessionConfig.cmake
                              INSTALL_DESTINATION ${TGS_INSTALL_CMAKEDIR})
# Before 1.0 a minor release may break the API.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/tgsessionConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/tgsessionConfig.cmake
              ${PROJECT_BINARY_DIR}/tgsessionConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/tgsessionDependencies.cmake
        DESTINATION ${TGS_INSTALL_CMAKEDIR} COMPONENT dev)

# tgsession.pc: every layer, dependents first (the order a static link needs). Static libraries
# need their dependencies on every link; shared ones only privately.
get_property(layers GLOBAL PROPERTY TGS_LAYERS)
list(REVERSE layers)
set(TGS_PC_LIBS "")
foreach(layer ${layers})
  string(APPEND TGS_PC_LIBS " -ltgsession-${layer}")
endforeach()
set(TGS_PC_DEPS_MODULES "libsodium libcrypto zlib sqlite3")
set(deps_libs "-lSQLiteCpp -ldl -pthread")
if(BUILD_SHARED_LIBS)
  set(TGS_PC_REQUIRES "Requires.private")
  set(TGS_PC_LIBS_PRIVATE "Libs.private: ${deps_libs}")
else()
  set(TGS_PC_REQUIRES "Requires")
  string(APPEND TGS_PC_LIBS " ${deps_libs}")
  set(TGS_PC_LIBS_PRIVATE "")
endif()
# Relative to the .pc file, so one file serves every prefix (a .deb, /usr/local, a stage).
set(pc_dir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
file(RELATIVE_PATH TGS_PC_PREFIX /prefix/${pc_dir} /prefix)
string(REGEX REPLACE "/$" "" TGS_PC_PREFIX "${TGS_PC_PREFIX}")
configure_file(cmake/tgsession.pc.in ${PROJECT_BINARY_DIR}/tgsession.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/tgsession.pc DESTINATION ${pc_dir} COMPONENT dev)
