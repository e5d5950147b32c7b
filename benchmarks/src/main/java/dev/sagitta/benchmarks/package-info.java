/** Throughput and latency benchmark of the engine on H2 and PostgreSQL. */
@NullMarked
package dev.sagitta.benchmarks;

import org.jspecify.annotations.NullMarked;
