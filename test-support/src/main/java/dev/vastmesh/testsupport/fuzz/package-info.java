/**
 * The HTTP-level fuzzer every service's fuzz test runs: seeded, reproducible mutated requests
 * over raw sockets, and the oracle (no 5xx, every error a problem, no ERROR log line).
 */
@NullMarked
package dev.vastmesh.testsupport.fuzz;

import org.jspecify.annotations.NullMarked;
