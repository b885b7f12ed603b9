# SPDX-License-Identifier: GPL-2.0-only
# Sphinx configuration for the standalone manual of the `quantum` module.
# Build: sphinx-build -W -b html doc build/doc/html  (utils/build-docs.sh does this and Doxygen).
# Inside an ns-3 source tree the chapter doc/quantum.rst is included by ns-3's own models manual
# instead, which provides its own replace.txt.
project = "quantum: quantum networks for ns-3"
author = "the quantum module developers"
copyright = "2026, the quantum module developers (GPL-2.0-only)"
master_doc = "index"
exclude_patterns = ["_build"]
highlight_language = "cpp"
html_theme = "alabaster"
html_static_path = []
