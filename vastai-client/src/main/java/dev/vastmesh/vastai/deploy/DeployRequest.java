package dev.vastmesh.vastai.deploy;

import dev.vastmesh.vastai.model.CreateInstance;
import dev.vastmesh.vastai.search.OfferSearch;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a CI job asks for.
 *
 * @param maxPricePerHour offers above this $/h are never rented
 * @param offersToTry how many offers to try before giving up
 * @param noProgressTimeout an instance whose state has not changed for this long is stuck (a
 *     slow image pull keeps changing its status message, so it is not stuck)
 * @param offerTimeout the most one offer may take to come up at all
 * @param idempotencyKey e.g. the pipeline id: it goes into the label, and a re-run with the same
 *     key adopts the instance instead of renting a second one
 * @param bid for an interruptible rental, the bid in $/h; null for on-demand
 * @param environment e.g. {@code prod}: it goes into the label ({@link DeployLabel}), so the
 *     instance's charges can be told by environment
 */
public record DeployRequest(
    OfferSearch search,
    double maxPricePerHour,
    CreateInstance instance,
    int offersToTry,
    Duration pollInterval,
    Duration noProgressTimeout,
    Duration offerTimeout,
    @Nullable String idempotencyKey,
    @Nullable Double bid,
    @Nullable String environment) {

  /** A deployment that names no environment. */
  public DeployRequest(OfferSearch search, double maxPricePerHour, CreateInstance instance, int offersToTry, Duration pollInterval,
      Duration noProgressTimeout, Duration offerTimeout, @Nullable String idempotencyKey, @Nullable Double bid) {
    this(search, maxPricePerHour, instance, offersToTry, pollInterval, noProgressTimeout, offerTimeout, idempotencyKey, bid, null);
  }

  /** The label that marks an instance as this deployment's, for a re-run to adopt it; null without a key. */
  public @Nullable String idempotencyLabel() {
    return idempotencyKey == null ? null : new DeployLabel(idempotencyKey, environment).text();
  }

  /**
   * The label the rented instance gets: the deployment's when it has a key or an environment
   * (then {@code --label} is not used), else the instance's own.
   */
  public @Nullable String instanceLabel() {
    if (idempotencyKey == null && environment == null) {
      return instance.label();
    }
    return new DeployLabel(idempotencyKey == null ? "" : idempotencyKey, environment).text();
  }
}
