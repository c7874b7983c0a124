# install_stage: a fresh `cmake --install` of the build tree into STAGE.
#   cmake -DBUILD_DIR=<build> -DSTAGE=<dir> -P stage.cmake
file(REMOVE_RECURSE ${STAGE})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${STAGE}
                OUTPUT_QUIET COMMAND_ERROR_IS_FATAL ANY)
