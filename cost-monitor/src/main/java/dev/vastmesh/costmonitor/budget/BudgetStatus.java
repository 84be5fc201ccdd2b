package dev.vastmesh.costmonitor.budget;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A budget as it stands at the last sample.
 *
 * @param spent dollars in the current period, or $/h now for a burn rate
 * @param overSince when the spend first passed the limit in this period
 */
public record BudgetStatus(BudgetSpec budget, double spent, Instant periodStart, Instant periodEnd, boolean warned, boolean exceeded,
    @Nullable Instant overSince, boolean acted) {
}
