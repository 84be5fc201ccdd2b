package dev.vastmesh.simulator.faults;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A fault to inject, from configuration or the admin API.
 *
 * @param offerId only instances (or creates) of this offer; null: any
 * @param endpoint only calls of this endpoint (call faults); null: any
 * @param times how many times it fires; 0: every time until cleared
 * @param status the status of a {@link FaultKind#SERVER_ERROR} (default 502)
 * @param delay the delay of a {@link FaultKind#SLOW} answer (default 5 s)
 */
public record FaultSpec(
    @NotNull FaultKind kind,
    @Nullable Long offerId,
    @Nullable Endpoint endpoint,
    @Min(0) int times,
    @Nullable @Min(500) @Max(599) Integer status,
    @Nullable Duration delay) {

  public int statusOrDefault() {
    return status == null ? 502 : status;
  }

  public Duration delayOrDefault() {
    return delay == null ? Duration.ofSeconds(5) : delay;
  }
}
