/**
 * The canonical vastmesh event: a CloudEvents 1.0 structured-mode JSON envelope around one of
 * the closed set of {@code vastai.*} event types ({@link dev.vastmesh.events.EventType}).
 *
 * <p>Create events with {@link dev.vastmesh.events.EventFactory}, read and write them with
 * {@link dev.vastmesh.events.EventCodec}. This library has no Spring dependency.
 */
@NullMarked
package dev.vastmesh.events;

import org.jspecify.annotations.NullMarked;
