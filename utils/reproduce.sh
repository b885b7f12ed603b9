#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Reproduces the paper figures of the manual's "Reproductions" section: runs
# each reproduction example with its full default settings, then gnuplot on
# the script the run wrote.  Every plot is drawn from the data of that run.
#
#   bash utils/reproduce.sh            # all figures, into out/reproductions/
#   bash utils/reproduce.sh decoy nv   # only these (names below)
#
# Names: decoy, eavesdropping, satellite, waiting, nv, memory.
# Builds the module first (utils/bootstrap.sh) and installs gnuplot-nox when
# it is missing.  Environment: QUANTUM_BUILD_DIR (default <repo>/build),
# REPRODUCE_OUT (default <repo>/out/reproductions).
set -euo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${QUANTUM_BUILD_DIR:-${REPO_DIR}/build}
OUT=${REPRODUCE_OUT:-${REPO_DIR}/out/reproductions}

bash "${REPO_DIR}/utils/bootstrap.sh"
if ! command -v gnuplot >/dev/null 2>&1; then
    SUDO=""
    [[ ${EUID} -eq 0 ]] || SUDO=sudo
    DEBIAN_FRONTEND=noninteractive ${SUDO} apt-get install -y -qq gnuplot-nox >/dev/null
fi
mkdir -p "${OUT}"
cd "${OUT}"
EX="${BUILD_DIR}/examples"

# name | example command line | gnuplot scripts it writes
FIGURES=(
    "decoy|qkd-decoy-distance-example --outputPrefix=decoy|decoy-rate.gnuplot"
    "eavesdropping|qkd-eavesdropping-example --outputPrefix=eve|eve-ir.gnuplot eve-pns.gnuplot"
    "satellite|qkd-satellite-pass-example --outputPrefix=sat|sat-pass.gnuplot"
    "waiting|quantum-waiting-time-example --p=0.3 --swapProbability=0.5 --deliveries=5000 --outputPrefix=waiting|waiting.gnuplot"
    "nv|quantum-nv-ghz-example --rounds=1000 --outputPrefix=nvghz|nvghz.gnuplot"
    "memory|quantum-memory-limited-example --deliveries=3000 --points=12 --outputPrefix=memlimited|memlimited.gnuplot"
)

want=("$@")
selected() {
    [[ ${#want[@]} -eq 0 ]] && return 0
    local w
    for w in "${want[@]}"; do
        [[ ${w} == "$1" ]] && return 0
    done
    return 1
}

for fig in "${FIGURES[@]}"; do
    IFS='|' read -r name cmd plots <<<"${fig}"
    selected "${name}" || continue
    echo "reproduce: ${name}: ${cmd}"
    # shellcheck disable=SC2086
    "${EX}"/${cmd} | tee "${name}.log" | tail -1
    for p in ${plots}; do
        gnuplot "${p}"
    done
done
echo "reproduce: outputs in ${OUT}"
ls "${OUT}"/*.png 2>/dev/null || true
