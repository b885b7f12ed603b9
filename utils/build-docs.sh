#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Builds the manual (Sphinx, from doc/quantum.rst) and the API documentation
# (Doxygen, from the module's headers) and fails on any warning of either.
#
#   bash utils/build-docs.sh            # from anywhere; output in build/doc/
#
# Installs python3-sphinx and doxygen (Debian 12) when they are missing.
# Environment: QUANTUM_SKIP_APT=1 do not install packages.
set -euo pipefail

REPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "${REPO_DIR}"

if ! command -v sphinx-build >/dev/null 2>&1 || ! command -v doxygen >/dev/null 2>&1; then
    if [[ ${QUANTUM_SKIP_APT:-0} == 1 ]]; then
        echo "build-docs: error: sphinx-build or doxygen missing and QUANTUM_SKIP_APT=1" >&2
        exit 1
    fi
    SUDO=""
    [[ ${EUID} -eq 0 ]] || SUDO=sudo
    export DEBIAN_FRONTEND=noninteractive
    ${SUDO} apt-get update -qq
    ${SUDO} apt-get install -y -qq python3-sphinx doxygen >/dev/null
fi

mkdir -p build/doc
echo "build-docs: Sphinx manual -> build/doc/html (warnings are errors)"
sphinx-build -W --keep-going -q -b html doc build/doc/html

echo "build-docs: Doxygen API documentation -> build/doc/api/html (warnings are errors)"
doxygen doc/Doxyfile

echo "build-docs: OK"
