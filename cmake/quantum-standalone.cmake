# SPDX-License-Identifier: GPL-2.0-only
#
# Standalone build support for the `quantum` ns-3 module.
#
# Included by the root CMakeLists.txt only when the module is the top-level
# project (i.e. built against an installed ns-3 such as Debian's libns3-dev
# 3.37).  It provides what an ns-3 source tree would: the ns-3 library
# variables used by the module's CMakeLists files, and stand-ins for
# build_lib() and build_lib_example() with the same keywords.  Test suites
# and example smoke runs are registered with CTest.
#
# Debian 3.37 quirks handled here (see CONVENTIONS.md):
#  - find_package(ns3) is broken, so libraries are located one by one;
#  - the ns3-*.pc files carry a stray "-I/usr;" flag, so pkg-config is used
#    only for the version;
#  - there is no installed test-runner, so one is built from the test sources.

include(GNUInstallDirs)
enable_testing()

set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
if(NOT CMAKE_BUILD_TYPE)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

option(QUANTUM_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(QUANTUM_BENCHMARKS "Build the Google Benchmark programs in bench/" OFF)

if(QUANTUM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# ns-3 compiles NS_LOG and NS_ASSERT out unless these are defined.
if(NOT CMAKE_BUILD_TYPE STREQUAL "Release")
  add_compile_definitions(NS3_LOG_ENABLE NS3_ASSERT_ENABLE)
endif()
add_compile_options(-Wall -Wextra -Wno-unused-parameter)

# --- ns-3 ----------------------------------------------------------------
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(NS3CORE_PC QUIET ns3-core)
endif()
find_path(NS3_INCLUDE_DIR ns3/core-module.h PATH_SUFFIXES ns3.37 REQUIRED)
if(NS3CORE_PC_VERSION)
  set(NS3_VERSION ${NS3CORE_PC_VERSION})
else()
  set(NS3_VERSION "unknown")
endif()
message(STATUS "quantum: ns-3 ${NS3_VERSION}, headers in ${NS3_INCLUDE_DIR}")

set(QUANTUM_NS3_MODULES
    core network internet point-to-point csma mobility applications stats)
foreach(mod ${QUANTUM_NS3_MODULES})
  find_library(NS3_LIB_${mod} NAMES ns3-${mod} ns3.37-${mod}-default ns3.37-${mod}
               HINTS ${NS3CORE_PC_LIBDIR} REQUIRED)
  if(NOT TARGET ns3::${mod})
    add_library(ns3::${mod} SHARED IMPORTED)
    set_target_properties(ns3::${mod} PROPERTIES IMPORTED_LOCATION ${NS3_LIB_${mod}}
                                                 INTERFACE_INCLUDE_DIRECTORIES ${NS3_INCLUDE_DIR})
  endif()
  set(lib${mod} ns3::${mod})
endforeach()

# --- third-party libraries used by the module ----------------------------
find_package(Eigen3 3.3 REQUIRED NO_MODULE)
find_package(Boost REQUIRED)
find_package(LibXml2 REQUIRED) # hardware presets and topology files in data/

# Public headers are staged into <build>/include/ns3 so that code includes
# them as "ns3/<name>.h", exactly as in an ns-3 source tree.
set(QUANTUM_STAGED_INCLUDE_DIR ${CMAKE_BINARY_DIR}/include)
file(MAKE_DIRECTORY ${QUANTUM_STAGED_INCLUDE_DIR}/ns3)

# build_lib(LIBNAME name SOURCE_FILES ... HEADER_FILES ... LIBRARIES_TO_LINK ...
#           TEST_SOURCES ...)
function(build_lib)
  set(multi SOURCE_FILES HEADER_FILES LIBRARIES_TO_LINK TEST_SOURCES DEPRECATED_HEADER_FILES
            MODULE_ENABLED_FEATURES)
  cmake_parse_arguments(BLIB "IGNORE_PCH;GENERATE_EXPORT_HEADER" "LIBNAME" "${multi}" ${ARGN})
  foreach(h ${BLIB_HEADER_FILES})
    get_filename_component(hname ${h} NAME)
    configure_file(${CMAKE_CURRENT_SOURCE_DIR}/${h} ${QUANTUM_STAGED_INCLUDE_DIR}/ns3/${hname}
                   COPYONLY)
  endforeach()
  # Module header, as ns-3 generates it.
  set(mh "${QUANTUM_STAGED_INCLUDE_DIR}/ns3/${BLIB_LIBNAME}-module.h")
  set(content "// Generated: includes every public header of the ${BLIB_LIBNAME} module.\n")
  string(APPEND content "#ifndef NS3_MODULE_${BLIB_LIBNAME}\n#define NS3_MODULE_${BLIB_LIBNAME}\n")
  foreach(h ${BLIB_HEADER_FILES})
    get_filename_component(hname ${h} NAME)
    string(APPEND content "#include \"ns3/${hname}\"\n")
  endforeach()
  string(APPEND content "#endif\n")
  file(WRITE ${mh}.tmp "${content}")
  configure_file(${mh}.tmp ${mh} COPYONLY)

  add_library(ns3-${BLIB_LIBNAME} SHARED ${BLIB_SOURCE_FILES})
  add_library(ns3::${BLIB_LIBNAME} ALIAS ns3-${BLIB_LIBNAME})
  target_include_directories(ns3-${BLIB_LIBNAME} PUBLIC ${QUANTUM_STAGED_INCLUDE_DIR}
                                                        ${NS3_INCLUDE_DIR})
  target_link_libraries(ns3-${BLIB_LIBNAME} PUBLIC ${BLIB_LIBRARIES_TO_LINK} Eigen3::Eigen
                                                   Boost::boost LibXml2::LibXml2)
  # Where QuantumHardwarePreset finds data/ when QUANTUM_DATA_DIR is not set.
  target_compile_definitions(ns3-${BLIB_LIBNAME}
                             PRIVATE QUANTUM_SOURCE_DATA_DIR="${PROJECT_SOURCE_DIR}/data")
  set(lib${BLIB_LIBNAME} ns3-${BLIB_LIBNAME})
  set(lib${BLIB_LIBNAME} ns3-${BLIB_LIBNAME} PARENT_SCOPE)
  install(TARGETS ns3-${BLIB_LIBNAME} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(FILES ${BLIB_HEADER_FILES} ${mh} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ns3)

  # Test runner: the test sources are linked into the executable itself so
  # that the linker cannot drop the static TestSuite registrations.
  if(BLIB_TEST_SOURCES)
    add_executable(${BLIB_LIBNAME}-test-runner ${PROJECT_SOURCE_DIR}/cmake/test-runner-main.cc
                                               ${BLIB_TEST_SOURCES})
    target_link_libraries(${BLIB_LIBNAME}-test-runner PRIVATE ns3-${BLIB_LIBNAME})
    set(suites "")
    foreach(src ${BLIB_TEST_SOURCES})
      file(READ ${CMAKE_CURRENT_SOURCE_DIR}/${src} text)
      string(REGEX MATCHALL "TestSuite\\(\"[A-Za-z0-9_.-]+\"" found "${text}")
      foreach(m ${found})
        string(REGEX REPLACE "TestSuite\\(\"([A-Za-z0-9_.-]+)\"" "\\1" name "${m}")
        list(APPEND suites ${name})
      endforeach()
    endforeach()
    list(REMOVE_DUPLICATES suites)
    foreach(s ${suites})
      add_test(NAME suite:${s}
               COMMAND ${BLIB_LIBNAME}-test-runner --suite=${s} --stop-on-failure)
      set_tests_properties(suite:${s} PROPERTIES LABELS "suite" TIMEOUT 900)
    endforeach()
    list(LENGTH suites nsuites)
    message(STATUS "quantum: ${nsuites} test suites registered with CTest")
  endif()

  if(EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/examples/CMakeLists.txt)
    add_subdirectory(examples)
    quantum_register_example_smoke_tests()
  endif()
endfunction()

# build_lib_example(NAME name SOURCE_FILES ... HEADER_FILES ... LIBRARIES_TO_LINK ...)
function(build_lib_example)
  cmake_parse_arguments(BEX "" "NAME" "SOURCE_FILES;HEADER_FILES;LIBRARIES_TO_LINK" ${ARGN})
  add_executable(${BEX_NAME} ${BEX_SOURCE_FILES})
  target_link_libraries(${BEX_NAME} PRIVATE ${BEX_LIBRARIES_TO_LINK})
  set_target_properties(${BEX_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/examples)
endfunction()

# Example smoke runs come from test/examples-to-run.py, the file ns-3's
# test.py reads in-tree, so both builds run the same command lines.
function(quantum_register_example_smoke_tests)
  set(f ${PROJECT_SOURCE_DIR}/test/examples-to-run.py)
  if(NOT EXISTS ${f})
    return()
  endif()
  file(STRINGS ${f} lines REGEX "^[ ]*\\(\"[^\"]+\", *\"True\"")
  foreach(line ${lines})
    string(REGEX REPLACE "^[ ]*\\(\"([^\"]+)\".*" "\\1" cmd "${line}")
    separate_arguments(argv UNIX_COMMAND "${cmd}")
    list(POP_FRONT argv exe)
    if(NOT TARGET ${exe})
      message(FATAL_ERROR "test/examples-to-run.py names '${exe}', which is not an example target")
    endif()
    string(REPLACE " " "_" tname "${cmd}")
    add_test(NAME example:${tname} COMMAND ${exe} ${argv})
    set_tests_properties(example:${tname} PROPERTIES LABELS "example" TIMEOUT 600)
  endforeach()
endfunction()

# Google Benchmark programs (optional).
function(quantum_add_benchmark name)
  find_package(benchmark REQUIRED)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE ns3-quantum benchmark::benchmark)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bench)
endfunction()
