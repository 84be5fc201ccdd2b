/**
 * The worker's edge: what every request meets before a route or handler, the body cap of the
 * WebFlux endpoints and problems for the HTTP codec's own refusals.
 */
@NullMarked
package dev.vastmesh.worker.edge;

import org.jspecify.annotations.NullMarked;
