/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
// Entry point of the kernel benchmarks (Google Benchmark).
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
