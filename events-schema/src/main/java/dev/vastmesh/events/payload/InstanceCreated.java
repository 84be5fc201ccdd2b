package dev.vastmesh.events.payload;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * An instance was rented from an offer ({@code vastai.instance.created}).
 *
 * @param instanceId Vast's instance id ({@code new_contract} in the create answer)
 * @param costPerHour the rented price in {@code currency} per hour ({@code dph_total})
 * @param offerType on-demand, interruptible (bid) or reserved, as checked after the rental
 */
public record InstanceCreated(
    @Constraints.Min(1) long instanceId,
    @Nullable Long contractId,
    @Nullable Long offerId,
    @Nullable Long machineId,
    String gpuName,
    @Constraints.Min(1) int numGpus,
    @Constraints.Min(0) BigDecimal costPerHour,
    @Constraints.Pattern(Constraints.CURRENCY) String currency,
    RentalType offerType,
    @Nullable String image,
    @Nullable @Constraints.MaxLength(1024) String label) implements InstancePayload {
}
