package dev.vastmesh.registry.registration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /register}: who the instance is, where it serves, and what routing and cost need.
 * Unknown fields are ignored, so newer workers can register with older registries.
 */
public record RegistrationRequest(
    @NotNull @Positive @Nullable Long instanceId,
    @Positive @Nullable Long contractId,
    @Pattern(regexp = Patterns.IP, message = "must be an IPv4 or IPv6 address") @Nullable String tailscaleIp,
    @Size(max = 253) @Pattern(regexp = Patterns.HOSTNAME, message = "must be a DNS host name") @Nullable String tailscaleHostname,
    @Size(max = 32) @Nullable List<@NotNull @Pattern(regexp = Patterns.CAPABILITY, message = Patterns.CAPABILITY_MESSAGE) String> capabilities,
    @Pattern(regexp = Patterns.STATUS, message = Patterns.STATUS_MESSAGE) @Nullable String status,
    @Pattern(regexp = Patterns.ENVIRONMENT, message = Patterns.ENVIRONMENT_MESSAGE) @Nullable String environment,
    @Size(max = 256) @Pattern(regexp = Patterns.PRINTABLE, message = Patterns.PRINTABLE_MESSAGE) @Nullable String triggerId,
    @Pattern(regexp = Patterns.GPU_TYPE, message = Patterns.GPU_TYPE_MESSAGE) @Nullable String gpuType,
    @Size(max = 128) @Pattern(regexp = Patterns.PRINTABLE, message = Patterns.PRINTABLE_MESSAGE) @Nullable String gpuName,
    @DecimalMin("0") @DecimalMax("1000") @Nullable BigDecimal costPerHour,
    @Size(max = 2048) @Pattern(regexp = Patterns.HTTP_URL, message = "must be an http(s) URL") @Nullable String workerUrl,
    @Min(1) @Max(64) @Nullable Integer numGpus,
    @Positive @Nullable Long machineId,
    @Pattern(regexp = Patterns.OFFER_TYPE, message = Patterns.OFFER_TYPE_MESSAGE) @Nullable String offerType,
    @Size(max = 64, message = "must have at most 64 labels") @Nullable Map<
        @Pattern(regexp = Patterns.LABEL_KEY, message = Patterns.LABEL_KEY_MESSAGE) String,
        @NotNull @Size(max = 512) String> labels,
    @Nullable Long ttlSeconds) {
}
