/**
 * Prometheus exposition that passes {@code promtool check metrics} as it is: HELP text for the
 * framework meters that register without a description, and none of the framework meters whose
 * names the lint refuses. Auto-configured in every service that has this module.
 */
@NullMarked
package dev.vastmesh.metrics;

import org.jspecify.annotations.NullMarked;
