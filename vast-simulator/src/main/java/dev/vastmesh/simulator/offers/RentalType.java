package dev.vastmesh.simulator.offers;

import dev.vastmesh.simulator.web.VastError;
import tools.jackson.databind.JsonNode;

/** The search body's {@code type}: what the prices shown are for. */
enum RentalType {
  ON_DEMAND, BID, RESERVED;

  static RentalType of(JsonNode type) {
    if (type == null || type.isNull()) {
      return ON_DEMAND;
    }
    return switch (type.asString()) {
      case "on-demand", "ask" -> ON_DEMAND;
      case "bid", "interruptible" -> BID;
      case "reserved" -> RESERVED;
      default -> throw VastError.invalidArgs("Invalid type '" + type.asString() + "': use on-demand, bid or reserved.");
    };
  }
}
