#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Sets up a Debian 12 machine for the `quantum` ns-3 module and builds it
# standalone, against Debian's installed ns-3 3.37 (libns3-dev).
#
#   bash utils/bootstrap.sh          # from the repository root
#
# Idempotent: packages are installed (and `apt-get update` run) only when some
# are missing, and an up-to-date build costs a few seconds.
#
# Environment:
#   QUANTUM_BUILD_DIR   build folder (default: <repo>/build)
#   QUANTUM_BUILD_TYPE  CMake build type (default: RelWithDebInfo)
#   QUANTUM_JOBS        parallel build jobs (default: nproc)
#   QUANTUM_SKIP_APT=1  do not check or install Debian packages
set -euo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${QUANTUM_BUILD_DIR:-${REPO_DIR}/build}
BUILD_TYPE=${QUANTUM_BUILD_TYPE:-RelWithDebInfo}
JOBS=${QUANTUM_JOBS:-$(nproc 2>/dev/null || echo 2)}

PACKAGES=(cmake g++ make pkg-config libns3-dev libeigen3-dev libboost-dev libxml2-dev libgsl-dev
          libbenchmark-dev)

log() { printf 'bootstrap: %s\n' "$*" >&2; }
die() {
    printf 'bootstrap: error: %s\n' "$*" >&2
    exit 1
}

# Runs a command as root: directly when root, through sudo when available.
as_root() {
    if [[ ${EUID} -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "root privileges are needed to run '$*' (not root and sudo is not installed);" \
            "install the packages as root, or rerun with QUANTUM_SKIP_APT=1"
    fi
}

install_packages() {
    if [[ ${QUANTUM_SKIP_APT:-0} == 1 ]]; then
        log "QUANTUM_SKIP_APT=1: not checking Debian packages"
        return
    fi
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        log "warning: not a Debian-like system (no dpkg-query/apt-get); make sure these are" \
            "installed: ${PACKAGES[*]}"
        return
    fi
    local missing=() p status
    for p in "${PACKAGES[@]}"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "${p}" 2>/dev/null || true)
        [[ ${status} == installed ]] || missing+=("${p}")
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        log "all required Debian packages are installed"
        return
    fi
    log "installing missing packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}"
}

install_packages

command -v cmake >/dev/null 2>&1 || die "cmake not found"

log "configuring ${BUILD_DIR} (${BUILD_TYPE})"
cmake -S "${REPO_DIR}" -B "${BUILD_DIR}" -DCMAKE_BUILD_TYPE="${BUILD_TYPE}" -DQUANTUM_BENCHMARKS=ON

log "building with ${JOBS} jobs"
cmake --build "${BUILD_DIR}" -j"${JOBS}"
log "done: build in ${BUILD_DIR}"
