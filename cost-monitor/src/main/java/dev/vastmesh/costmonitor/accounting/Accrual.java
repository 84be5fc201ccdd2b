package dev.vastmesh.costmonitor.accounting;

import java.time.Instant;

/** What one instance accrued between two samples, and its rate now. */
public record Accrual(TrackedInstance instance, Instant from, Instant to, double amount) {
}
