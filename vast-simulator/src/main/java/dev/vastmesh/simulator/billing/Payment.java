package dev.vastmesh.simulator.billing;

import java.time.Instant;

/**
 * Credit added to an account: the starting credit, or a top-up through the admin API.
 *
 * @param amount USD, positive
 */
public record Payment(long id, long userId, Instant at, double amount, String service, String source) {
}
