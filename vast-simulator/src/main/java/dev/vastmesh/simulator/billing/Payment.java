package dev.vastmesh.simulator.billing;

import java.time.Instant;

/**
 * A movement of an account's credit, as its invoices list it: bought credit ({@code credit}: the
 * starting credit, top-ups), a prepay into an instance ({@code reserved}), what comes back of a
 * deposit when its instance is destroyed ({@code refund}).
 *
 * @param amount USD added to the credit; negative for a prepay
 * @param service Vast's invoice service ({@code stripe_payments}, {@code instance_prepay})
 * @param source who paid or what was paid for ({@code stripe}, {@code instance-<id>})
 * @param type Vast's invoice type ({@code credit}, {@code reserved}, {@code refund})
 */
public record Payment(long id, long userId, Instant at, double amount, String service, String source, String type) {

  /** Bought credit. */
  public Payment(long id, long userId, Instant at, double amount, String service, String source) {
    this(id, userId, at, amount, service, source, "credit");
  }
}
