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
    @Nullable Double bid) {

  /** The label that marks an instance as this deployment's. */
  public @Nullable String idempotencyLabel() {
    return idempotencyKey == null ? null : "vastmesh-deploy:" + idempotencyKey;
  }
}
