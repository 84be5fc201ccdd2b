/** The worker's own canonical events, signed, to the webhook gateway. */
@NullMarked
package dev.vastmesh.worker.events;

import org.jspecify.annotations.NullMarked;
