#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Build and run the libFuzzer target of the scenario reader
# (fuzz/scenario-reader-fuzzer.cc) with clang's -fsanitize=fuzzer,address,undefined.
#
#   utils/fuzz-scenario.sh [BUILD_DIR] [SECONDS] [WORK_DIR]
#
# BUILD_DIR  a configured build tree (default: ./build): its include/ folder
#            and its ns-3 core library, if any, are used before the system's
# SECONDS    fuzzing time (default 600)
# WORK_DIR   fuzzer binary, corpus and crash artifacts (default BUILD_DIR/fuzz-scenario)
#
# The seed corpus is data/scenarios/*.xml; crashes are written to
# WORK_DIR/artifacts/crash-* (add each as a regression test in
# test/quantum-scenario-test-suite.cc).  The reader sources
# (quantum-scenario-reader.cc, quantum-scenario-description.cc,
# quantum-xml-utils.cc) are compiled with instrumentation and linked against
# the g++-built ns-3 core library and libxml2 only.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
TIME=${2:-600}
WORK=${3:-$BUILD/fuzz-scenario}
CXX=${CXX_FUZZ:-clang++}

CORE=$(find "$BUILD" -name 'libns3*-core*.so' | head -n 1)
if [ -n "$CORE" ]; then
    CORELINK="-L$(dirname "$CORE") -l:$(basename "$CORE") -Wl,-rpath,$(dirname "$CORE")"
else
    CORELINK="-lns3-core"
fi

mkdir -p "$WORK/include/ns3" "$WORK/corpus" "$WORK/artifacts"
for h in quantum-scenario-reader.h quantum-scenario-description.h; do
    ln -sf "$ROOT/model/$h" "$WORK/include/ns3/$h"
done

# shellcheck disable=SC2086
"$CXX" -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -DNS3_LOG_ENABLE -DNS3_ASSERT_ENABLE \
    -I"$WORK/include" -I"$BUILD/include" -isystem /usr/include/libxml2 \
    "$ROOT/fuzz/scenario-reader-fuzzer.cc" \
    "$ROOT/model/quantum-scenario-reader.cc" \
    "$ROOT/model/quantum-scenario-description.cc" \
    "$ROOT/model/quantum-xml-utils.cc" \
    $CORELINK -lxml2 \
    -o "$WORK/scenario-reader-fuzzer"

export QUANTUM_DATA_DIR="$ROOT/data"
export ASAN_OPTIONS=detect_leaks=1
exec nice -n 10 "$WORK/scenario-reader-fuzzer" \
    -dict="$ROOT/fuzz/scenario.dict" \
    -max_total_time="$TIME" -max_len=4096 -timeout=10 \
    -artifact_prefix="$WORK/artifacts/" -print_final_stats=1 \
    "$WORK/corpus" "$ROOT/data/scenarios"
