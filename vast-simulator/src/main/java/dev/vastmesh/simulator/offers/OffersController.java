package dev.vastmesh.simulator.offers;

import dev.vastmesh.simulator.account.VastApi;
import dev.vastmesh.simulator.web.VastError;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Vast's two offer searches: the CLI's {@code POST /bundles/} and the newer {@code PUT /search/asks/}. */
@RestController
@VastApi
class OffersController {

  private final OfferSearch search;

  OffersController(OfferSearch search) {
    this.search = search;
  }

  @PostMapping("/api/v0/bundles/")
  Map<String, Object> bundles(@RequestBody JsonNode query) {
    return Map.of("offers", search.search(query));
  }

  @PutMapping("/api/v0/search/asks/")
  Map<String, Object> asks(@RequestBody JsonNode body) {
    JsonNode q = body.get("q");
    if (q == null || !q.isObject()) {
      throw VastError.invalidArgs("The body needs a 'q' query object.");
    }
    return Map.of("offers", search.search(q));
  }
}
