#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# In-tree build check: builds this module as contrib/quantum inside an ns-3
# source tree (Debian's ns3 source package, i.e. the same ns-3.37 that
# libns3-dev is built from) with ns-3's own build system, then runs all of
# the module's test suites and the examples listed in test/examples-to-run.py
# with ns-3's test.py.
#
#   bash utils/check-in-tree.sh
#
# Needs root (or sudo) for apt the first time: it adds a deb-src twin of the
# Debian entries in /etc/apt/sources.list.d/debian.sources and installs the
# build dependencies.
#
# Environment:
#   NS3_SRC_CACHE=DIR  keep the extracted and built ns-3 tree in DIR (e.g.
#                      /var/tmp/ns3-src) and reuse it: later runs only re-copy
#                      contrib/quantum and rebuild what changed
#   NS3_JOBS=N         parallel build and test jobs (default 2; 1 for a quiet
#                      machine)
#   NS3_PROFILE=P      ns-3 build profile (default "default": -O2 -g with
#                      asserts and logs; "debug" or "release" also work)
#   KEEP=1             keep the temporary folder
#   SKIP_APT=1         do not touch apt (packages and sources must be there)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "${SCRIPT_DIR}/.." && pwd)
MODULE=quantum
JOBS=${NS3_JOBS:-2}
PROFILE=${NS3_PROFILE:-default}
WANT_VERSION=$(tr -d '[:space:]' <"${REPO_DIR}/NS3-VERSION" 2>/dev/null || echo 3.37)
START=$(date +%s)
CURRENT_PHASE=setup

log() { printf '[in-tree %4ds] %s\n' "$(($(date +%s) - START))" "$*"; }
die() {
    printf 'check-in-tree: error: %s\n' "$*" >&2
    exit 1
}

TMP=$(mktemp -d -t quantum-in-tree.XXXXXX)
on_exit() {
    local rc=$?
    if [[ ${KEEP:-0} == 1 ]]; then
        echo "check-in-tree: kept ${TMP}"
    else
        rm -rf "${TMP}"
    fi
    local elapsed=$(($(date +%s) - START))
    if [[ ${rc} -eq 0 ]]; then
        printf 'check-in-tree: PASSED in %dm%02ds\n' $((elapsed / 60)) $((elapsed % 60))
    else
        printf 'check-in-tree: FAILED (phase: %s, exit %d) after %dm%02ds\n' "${CURRENT_PHASE}" \
            "${rc}" $((elapsed / 60)) $((elapsed % 60)) >&2
    fi
}
trap on_exit EXIT

as_root() {
    if [[ ${EUID} -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "root privileges needed for '$*' (not root, no sudo); rerun as root or with SKIP_APT=1"
    fi
}

apt_updated=0
apt_update() {
    if [[ ${apt_updated} == 0 ]]; then
        log "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        apt_updated=1
    fi
}

# --- 1. deb-src entries ---------------------------------------------------
# Prints deb822 stanzas of type deb-src mirroring the `deb` stanzas of a
# deb822 .sources file (same URIs, Suites, Components, Signed-By, ...).
deb822_src_twin() {
    awk '
        function flush() {
            if (isdeb && body != "") { printf "%sTypes: deb-src\n%s", sep, body; sep = "\n" }
            isdeb = 0; body = ""; copying = 0
        }
        /^[ \t]*$/ { flush(); next }
        /^#/ { next }
        /^[ \t]/ { if (copying) body = body $0 "\n"; next }
        {
            field = $1; sub(/:$/, "", field)
            if (tolower(field) == "types") {
                for (i = 2; i <= NF; i++) if ($i == "deb") isdeb = 1
                copying = 0
            } else {
                copying = 1; body = body $0 "\n"
            }
        }
        END { flush() }
    ' "$1"
}

ensure_deb_src() {
    local deb822=/etc/apt/sources.list.d/debian.sources
    local twin822=/etc/apt/sources.list.d/debian-src.sources
    local legacy=/etc/apt/sources.list twinlegacy=/etc/apt/sources.list.d/debian-src.list
    if [[ -f ${deb822} ]]; then
        if [[ -f ${twin822} ]] || grep -qE '^[[:space:]]*Types:.*[[:space:]]deb-src([[:space:]]|$)' "${deb822}"; then
            log "deb-src entries present"
            return
        fi
        local content
        content=$(deb822_src_twin "${deb822}")
        [[ -n ${content} ]] || die "no 'Types: deb' stanza found in ${deb822}"
        log "adding ${twin822}"
        printf '# deb-src twin of %s, added by quantum utils/check-in-tree.sh\n%s\n' "${deb822}" \
            "${content}" | as_root tee "${twin822}" >/dev/null
        apt_updated=0
        apt_update
    elif [[ -f ${legacy} ]] && grep -qE '^[[:space:]]*deb[[:space:]]' "${legacy}"; then
        if grep -qE '^[[:space:]]*deb-src[[:space:]]' "${legacy}" || [[ -f ${twinlegacy} ]]; then
            log "deb-src entries present"
            return
        fi
        log "adding ${twinlegacy}"
        sed -nE 's/^[[:space:]]*deb([[:space:]])/deb-src\1/p' "${legacy}" | as_root tee "${twinlegacy}" >/dev/null
        apt_updated=0
        apt_update
    else
        die "found neither ${deb822} nor deb lines in ${legacy}: add a deb-src entry for Debian yourself"
    fi
}

# Build dependencies of an ns-3 source build limited to the modules this one
# needs, plus this module's own third-party libraries.  dpkg-dev provides
# dpkg-source.  ninja-build is optional (./ns3 prefers it over make).
BUILD_DEPS=(cmake g++ make ninja-build python3 pkg-config dpkg-dev libeigen3-dev libboost-dev
            libxml2-dev libgsl-dev)

ensure_packages() {
    local missing=() p status
    for p in "${BUILD_DEPS[@]}"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "${p}" 2>/dev/null || true)
        [[ ${status} == installed ]] || missing+=("${p}")
    done
    if [[ ${#missing[@]} -gt 0 ]]; then
        log "installing ${missing[*]}"
        apt_update
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            "${missing[@]}"
    else
        log "build dependencies installed"
    fi
}

# --- 2. ns-3 source -----------------------------------------------------------
# Downloads Debian's ns3 source package into $TMP/dl and extracts it into $1.
fetch_ns3_source() {
    local dest=$1
    mkdir -p "${TMP}/dl"
    # apt-get source as root warns that the download is unsandboxed: harmless.
    if ! (cd "${TMP}/dl" && apt-get source --download-only -q ns3); then
        [[ ${SKIP_APT:-0} == 1 ]] && die "apt-get source ns3 failed"
        log "apt-get source failed; refreshing the package lists and retrying"
        apt_updated=0
        apt_update
        (cd "${TMP}/dl" && apt-get source --download-only -q ns3)
    fi
    local dscs=("${TMP}"/dl/ns3_*.dsc)
    [[ -f ${dscs[0]} ]] || die "apt-get source did not download an ns3_*.dsc"
    local dsc=${dscs[0]}
    # apt has checked the files against the signed Sources index already;
    # dpkg-source only warns when the uploader's key is not installed.
    rm -rf "${dest}.tmp"
    dpkg-source -x "${dsc}" "${dest}.tmp" >"${TMP}/dpkg-source.log" 2>&1 || {
        cat "${TMP}/dpkg-source.log" >&2
        die "dpkg-source -x failed"
    }
    mv "${dest}.tmp" "${dest}"
}

find_ns3_tree() {
    local base=$1 d
    for d in "${base}"/ns-3.* "${base}"/ns-allinone-*/ns-3.*; do
        if [[ -x ${d}/ns3 && -f ${d}/test.py ]]; then
            echo "${d}"
            return
        fi
    done
}

# --- main -----------------------------------------------------------------------
CURRENT_PHASE=apt
if [[ ${SKIP_APT:-0} == 1 ]]; then
    log "SKIP_APT=1: not touching apt"
else
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this check needs Debian"
    ensure_packages
fi

CURRENT_PHASE=source
if [[ -n ${NS3_SRC_CACHE:-} ]]; then
    WORK=${NS3_SRC_CACHE}
    mkdir -p "${WORK}"
else
    WORK=${TMP}
fi
NS3_DIR=$(find_ns3_tree "${WORK}/ns3-pkg" 2>/dev/null || true)
if [[ -z ${NS3_DIR} ]]; then
    [[ ${SKIP_APT:-0} == 1 ]] || ensure_deb_src
    log "downloading and extracting Debian's ns3 source package into ${WORK}"
    rm -rf "${WORK}/ns3-pkg"
    fetch_ns3_source "${WORK}/ns3-pkg"
    NS3_DIR=$(find_ns3_tree "${WORK}/ns3-pkg")
    [[ -n ${NS3_DIR} ]] || die "no ns-3 tree (with ./ns3 and test.py) in the ns3 source package"
else
    log "reusing the ns-3 tree in ${NS3_DIR}"
fi
NS3_VERSION=$(tr -d '[:space:]' <"${NS3_DIR}/VERSION")
log "ns-3 ${NS3_VERSION} in ${NS3_DIR}"
if [[ ${NS3_VERSION} != "${WANT_VERSION}" ]]; then
    log "warning: the module targets ns-${WANT_VERSION} (NS3-VERSION), the source is ns-${NS3_VERSION}"
fi

CURRENT_PHASE=copy
DEST=${NS3_DIR}/contrib/${MODULE}
log "copying ${REPO_DIR} to ${DEST}"
rm -rf "${DEST}"
mkdir -p "${DEST}"
# tar keeps modification times, so a cached tree rebuilds only what changed.
tar -C "${REPO_DIR}" --exclude=./.git --exclude='./build*' --exclude='./cmake-build*' -cf - . |
    tar -C "${DEST}" -xf -

cd "${NS3_DIR}"
CURRENT_PHASE=configure
log "./ns3 configure"
# --enable-modules pulls in the modules this one depends on (ns-3 reads the
# ${lib...} names in its CMakeLists.txt).  The module links csma, which ns-3.37's
# own src/test needs too (its ns3tcp-socket-test-suite.cc uses CsmaHelper but
# src/test/CMakeLists.txt only checks for applications and point-to-point), so
# exactly the command of the README works.  --filter-module-examples-and-tests
# builds the tests and examples of this module only.
nice -n 19 ./ns3 configure -d "${PROFILE}" --enable-tests --enable-examples \
    --enable-modules="${MODULE}" --filter-module-examples-and-tests="${MODULE}"
# ns-3 silently drops a module whose dependencies are missing: make sure ours is in.
grep -qE "^NS3_ENABLED_CONTRIBUTED_MODULES = .*'ns3-${MODULE}'" .lock-ns3_*_build ||
    die "ns-3 did not enable the ${MODULE} module (see the configure output above)"

CURRENT_PHASE=build
# In a cached tree, drop the module's programs so that no stale example binary
# (one whose target is gone) can run below; relinking them is cheap.
rm -rf "build/contrib/${MODULE}"
# ./ns3 build caps its jobs at (number of CPUs - 1), i.e. one job on a 2-core
# machine, whatever -j says; build its CMake cache folder directly, which is
# what ./ns3 build runs, with the jobs asked for.
log "cmake --build cmake-cache -j ${JOBS} (what ./ns3 build runs)"
nice -n 19 cmake --build cmake-cache -j "${JOBS}"
log "build done"

# --- tests -------------------------------------------------------------------------
# The test-runner holds this module's suites and those of ns-3's src/test
# (system tests that are always built): run ours by name, i.e. every
# TestSuite("name", ...) of the module's test sources (the same names the
# standalone build registers with CTest).  Examples: with
# --filter-module-examples-and-tests only this module's examples are built, so
# `--constrain=example` runs exactly those listed in test/examples-to-run.py.
# test.py exits non-zero when anything fails or crashes, and runs only QUICK
# test cases, like the standalone test-runner.
CURRENT_PHASE="test"
runners=(build/utils/ns"${NS3_VERSION}"-test-runner*)
[[ -x ${runners[0]} ]] || die "no test-runner was built"
test_runner=${runners[0]}
all_suites=$(LD_LIBRARY_PATH=${NS3_DIR}/build/lib "${test_runner}" --print-test-name-list)
mapfile -t suites < <(cat "${DEST}"/test/*.cc 2>/dev/null |
    grep -oE 'TestSuite\("[A-Za-z0-9_.-]+"' | sed -E 's/TestSuite\("(.*)"/\1/' | sort -u)
[[ ${#suites[@]} -gt 0 ]] || die "no TestSuite(\"name\", ...) found in ${DEST}/test/*.cc"
for s in "${suites[@]}"; do
    grep -qxF "${s}" <<<"${all_suites}" || die "suite '${s}' is not in the test-runner"
done

: >"${TMP}/test.log"
for s in "${suites[@]}"; do
    log "./test.py --no-build --suite=${s}"
    nice -n 19 ./test.py --no-build --duration --nocolor --suite="${s}" 2>&1 |
        tee -a "${TMP}/test.log" || die "test.py --suite=${s} failed"
done
log "./test.py --no-build --constrain=example"
nice -n 19 ./test.py --no-build --duration --nocolor --constrain=example --jobs="${JOBS}" 2>&1 |
    tee -a "${TMP}/test.log" || die "test.py --constrain=example failed"

# test.py skips, without a word, an example whose program does not exist (for
# instance a name in examples-to-run.py that is not an example target), and
# passes when there is nothing to run: count what really ran.
expected_examples=$(python3 - "${DEST}/test/examples-to-run.py" <<'EOF'
import sys
ns = {}
try:
    exec(open(sys.argv[1]).read(), ns)
except FileNotFoundError:
    pass
print(sum(1 for (_, run, _) in ns.get("cpp_examples", []) if str(run).strip() == "True"))
EOF
)
ran_suites=$(grep -cE '^\[[0-9]+/[0-9]+\] PASS( \([0-9.]+\))?: TestSuite ' "${TMP}/test.log" || true)
ran_examples=$(grep -cE "^\[[0-9]+/[0-9]+\] PASS( \([0-9.]+\))?: Example contrib/${MODULE}/" "${TMP}/test.log" || true)
log "test suites: ${ran_suites} of ${#suites[@]} passed; examples: ${ran_examples} of" \
    "${expected_examples} (runnable ones in examples-to-run.py) passed"
[[ ${ran_suites} -eq ${#suites[@]} ]] || die "not every suite ran"
[[ ${ran_examples} -eq ${expected_examples} ]] ||
    die "test.py ran ${ran_examples} examples, examples-to-run.py lists ${expected_examples}" \
        "(names that are not built example targets are skipped silently)"
CURRENT_PHASE="done"
