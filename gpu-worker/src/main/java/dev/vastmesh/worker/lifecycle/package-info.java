/** The worker's start-up and health: model log actions, benchmark, health check, the failure beacon. */
@NullMarked
package dev.vastmesh.worker.lifecycle;

import org.jspecify.annotations.NullMarked;
