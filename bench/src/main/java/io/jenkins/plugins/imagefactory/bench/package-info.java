/**
 * Benchmark harnesses. Each {@code <Name>Bench} class has a {@code main} and is run with
 * {@code bench/run name}; each prints its figures (throughput, wall time, peak heap) as plain lines.
 */
package io.jenkins.plugins.imagefactory.bench;
