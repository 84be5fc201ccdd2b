package dev.vastmesh.vastai.cli.cost;

import dev.vastmesh.vastai.VastException;
import dev.vastmesh.vastai.model.Offer;
import dev.vastmesh.vastai.search.RentalKind;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * What one offer costs per hour with the disk asked for: the GPU part (the on-demand price, or
 * the minimum bid for an interruptible rental) plus storage at {@code storage_cost} $/GB/month ×
 * disk / 720, the way Vast turns it into {@code storage_total_cost}. An offer that quotes no
 * storage price falls back to Vast's {@code dph_total}, which already holds the search's
 * {@code allocated_storage}.
 */
record OfferCost(Offer offer, BigDecimal gpuPerHour, BigDecimal storagePerHour, BigDecimal perHour) {

  /** Vast's storage month, as {@code storage_total_cost} is computed. */
  static final BigDecimal STORAGE_HOURS_PER_MONTH = BigDecimal.valueOf(720);

  static OfferCost of(Offer offer, RentalKind kind, double diskGb) {
    Double gpu = kind == RentalKind.INTERRUPTIBLE && offer.minBid() != null ? offer.minBid() : offer.dphBase();
    if (gpu != null && Double.isFinite(gpu) && offer.storageCost() != null && Double.isFinite(offer.storageCost())) {
      BigDecimal storage = BigDecimal.valueOf(offer.storageCost()).multiply(BigDecimal.valueOf(diskGb))
          .divide(STORAGE_HOURS_PER_MONTH, MathContext.DECIMAL64);
      return new OfferCost(offer, BigDecimal.valueOf(gpu), storage, BigDecimal.valueOf(gpu).add(storage));
    }
    if (offer.dphTotal() != null && Double.isFinite(offer.dphTotal())) {
      BigDecimal total = BigDecimal.valueOf(offer.dphTotal());
      BigDecimal storage = offer.storageTotalCost() != null && Double.isFinite(offer.storageTotalCost())
          ? BigDecimal.valueOf(offer.storageTotalCost()) : gpu != null ? total.subtract(BigDecimal.valueOf(gpu)) : BigDecimal.ZERO;
      return new OfferCost(offer, total.subtract(storage), storage, total);
    }
    throw new VastException.MalformedResponse("search offers: offer " + offer.id() + " has no price");
  }

  /** {@code hours} of {@code count} such instances. */
  BigDecimal forHours(double hours, int count) {
    return perHour.multiply(BigDecimal.valueOf(hours)).multiply(BigDecimal.valueOf(count));
  }
}
