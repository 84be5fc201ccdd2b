package dev.vastmesh.events.payload;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A periodic cost reading ({@code vastai.cost.sampled}).
 *
 * @param instanceId the instance measured; absent for an account-wide sample
 * @param costPerHour the hourly rate at the end of the period
 * @param accruedCost what was spent between {@code periodStart} and {@code periodEnd}
 */
public record CostSampled(
    @Nullable @Constraints.Min(1) Long instanceId,
    @Constraints.Min(0) BigDecimal costPerHour,
    @Constraints.Min(0) BigDecimal accruedCost,
    @Constraints.Pattern(Constraints.CURRENCY) String currency,
    Instant periodStart,
    Instant periodEnd) implements CostPayload {
}
