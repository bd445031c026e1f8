/**
 * Benchmarks and load generators; none of them runs during the build and none asserts on speed.
 * {@link io.vigil.bench.HttpIngestLoad} drives the real HTTP ingest listener over a real journal;
 * the {@code *Benchmark} classes are JMH benchmarks. How to run them and the figures: docs/benchmarks.md.
 */
package io.vigil.bench;
