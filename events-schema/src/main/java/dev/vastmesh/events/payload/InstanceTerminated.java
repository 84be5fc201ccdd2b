package dev.vastmesh.events.payload;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * An instance is gone: destroyed, outbid, failed for good ({@code vastai.instance.terminated}).
 *
 * @param runtimeSeconds how long it ran, when known
 * @param totalCost what it cost in {@code currency} over its lifetime, when known
 * @param note how the producer knows, when it is not first-hand: e.g. the instance id was read
 *     from the text of a provider's notification
 */
public record InstanceTerminated(
    @Constraints.Min(1) long instanceId,
    @Nullable Long contractId,
    TerminationReason reason,
    @Nullable @Constraints.Min(0) Long runtimeSeconds,
    @Nullable @Constraints.Min(0) BigDecimal totalCost,
    @Nullable @Constraints.Pattern(Constraints.CURRENCY) String currency,
    @Nullable @Constraints.MaxLength(1024) String note) implements InstancePayload {
}
