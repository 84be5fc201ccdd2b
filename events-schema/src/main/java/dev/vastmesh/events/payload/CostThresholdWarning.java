package dev.vastmesh.events.payload;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Spend is approaching a configured threshold ({@code vastai.cost.threshold_warning}).
 *
 * @param thresholdId the configured threshold's id
 * @param threshold the threshold's amount over {@code period}
 * @param observed the spend observed so far in the period
 * @param instanceId the instance concerned, absent for fleet or environment thresholds
 */
public record CostThresholdWarning(
    @Constraints.MaxLength(256) String thresholdId,
    CostPeriod period,
    @Constraints.Min(0) BigDecimal threshold,
    @Constraints.Min(0) BigDecimal observed,
    @Constraints.Pattern(Constraints.CURRENCY) String currency,
    @Nullable @Constraints.Min(1) Long instanceId) implements CostPayload {
}
