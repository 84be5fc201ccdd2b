package dev.vastmesh.router.deadletter;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A delivery that gave up, with what is needed to understand and replay it.
 *
 * @param id the delivery id ({@code <event id>:<agent>})
 * @param event the canonical event JSON, as it was sent
 * @param lastStatus the agent's last HTTP status, when it answered
 * @param lastError the last failure, e.g. {@code HTTP 503} or {@code ConnectException}
 */
public record DeadLetter(String id, String agent, String eventId, String eventType, @Nullable String subject,
    String event, int attempts, @Nullable Integer lastStatus, String lastError, Instant deadAt) {
}
