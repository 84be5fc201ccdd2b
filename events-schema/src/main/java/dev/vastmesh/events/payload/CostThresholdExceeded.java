package dev.vastmesh.events.payload;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Spend went past a configured threshold ({@code vastai.cost.threshold_exceeded}).
 *
 * @param thresholdId the configured threshold's id
 * @param threshold the threshold's amount over {@code period}
 * @param observed the spend observed in the period, above {@code threshold}
 * @param instanceId the instance concerned, absent for fleet or environment thresholds
 */
public record CostThresholdExceeded(
    @Constraints.MaxLength(256) String thresholdId,
    CostPeriod period,
    @Constraints.Min(0) BigDecimal threshold,
    @Constraints.Min(0) BigDecimal observed,
    @Constraints.Pattern(Constraints.CURRENCY) String currency,
    @Nullable @Constraints.Min(1) Long instanceId) implements CostPayload {
}
