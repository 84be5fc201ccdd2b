package dev.vastmesh.simulator.offers;

import tools.jackson.databind.node.ObjectNode;

/**
 * One offer of the catalogue: its Vast fields as the file gives them, and how many instances it
 * rents at once before it is taken.
 */
public record CatalogueOffer(long id, ObjectNode fields, int count) {

  public double dphBase() {
    return fields.path("dph_base").asDouble(0);
  }

  public double minBid() {
    return fields.path("min_bid").asDouble(dphBase());
  }

  /** $/GB/month, as Vast quotes storage. */
  public double storageCost() {
    return fields.path("storage_cost").asDouble(0);
  }

  /** $/GB the instance downloads. */
  public double inetDownCost() {
    return fields.path("inet_down_cost").asDouble(0);
  }

  /** $/GB the instance uploads. */
  public double inetUpCost() {
    return fields.path("inet_up_cost").asDouble(0);
  }

  /** The most a prepay takes off the GPU price (Vast's default 0.4), kept below 1. */
  public double creditDiscountMax() {
    return Math.max(0, Math.min(0.99, fields.path("credit_discount_max").asDouble(0.4)));
  }

  public double diskSpace() {
    return fields.path("disk_space").asDouble(0);
  }
}
