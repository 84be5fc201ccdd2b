/**
 * How every vastmesh producer gets canonical events to the event router, and the retry rules
 * every outbound call shares: {@link dev.vastmesh.transport.Backoff} and
 * {@link dev.vastmesh.transport.RetryAfter}. Senders ({@link dev.vastmesh.transport.EventSender})
 * make one attempt and say what it came to; {@link dev.vastmesh.transport.RetryingPublisher}
 * buffers and retries for producers that must never block. This library has no Spring dependency.
 */
@NullMarked
package dev.vastmesh.transport;

import org.jspecify.annotations.NullMarked;
