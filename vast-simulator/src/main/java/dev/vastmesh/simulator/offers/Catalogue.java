package dev.vastmesh.simulator.offers;

import dev.vastmesh.simulator.config.SimulatorProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The offers, read once from the catalogue file ({@code offers: [...]}, YAML or JSON), and how
 * many instances each has rented right now.
 */
@Component
public class Catalogue {

  private final Map<Long, CatalogueOffer> offers;
  private final Map<Long, Integer> rented = new ConcurrentHashMap<>();

  @Autowired
  public Catalogue(SimulatorProperties properties, ResourceLoader resources) {
    this(read(resources, properties.catalogue()));
  }

  Catalogue(List<CatalogueOffer> offers) {
    Map<Long, CatalogueOffer> byId = new LinkedHashMap<>();
    for (CatalogueOffer offer : offers) {
      if (byId.put(offer.id(), offer) != null) {
        throw new IllegalArgumentException("the catalogue has offer " + offer.id() + " twice");
      }
    }
    this.offers = byId;
  }

  static List<CatalogueOffer> read(ResourceLoader resources, String location) {
    JsonNode root;
    try (InputStream in = resources.getResource(location).getInputStream()) {
      // YAML is a superset of JSON: one reader takes both.
      root = YAMLMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the offer catalogue " + location, e);
    }
    JsonNode list = root.path("offers");
    if (!list.isArray() || list.isEmpty()) {
      throw new IllegalArgumentException("the offer catalogue " + location + " has no 'offers' list");
    }
    List<CatalogueOffer> offers = new ArrayList<>();
    for (JsonNode node : list) {
      if (!node.path("id").canConvertToLong() || !node.path("dph_base").isNumber() || !node.path("gpu_name").isString()) {
        throw new IllegalArgumentException("every offer of " + location + " needs an id, a gpu_name and a dph_base: " + node);
      }
      ObjectNode fields = ((ObjectNode) node).deepCopy();
      int count = fields.path("count").asInt(1);
      fields.remove("count");
      offers.add(new CatalogueOffer(fields.get("id").longValue(), fields, count));
    }
    return offers;
  }

  public List<CatalogueOffer> all() {
    return List.copyOf(offers.values());
  }

  public Optional<CatalogueOffer> find(long id) {
    return Optional.ofNullable(offers.get(id));
  }

  /** How many more instances the offer can rent now. */
  public int available(CatalogueOffer offer) {
    return offer.count() - rented.getOrDefault(offer.id(), 0);
  }

  /** Takes one of the offer's rentals; false when none is left. */
  public boolean take(long offerId) {
    CatalogueOffer offer = offers.get(offerId);
    if (offer == null) {
      return false;
    }
    boolean[] taken = {false};
    rented.compute(offerId, (id, now) -> {
      int current = now == null ? 0 : now;
      if (current < offer.count()) {
        taken[0] = true;
        return current + 1;
      }
      return current;
    });
    return taken[0];
  }

  /** Gives a rental back (the instance was destroyed). */
  public void release(long offerId) {
    rented.computeIfPresent(offerId, (id, now) -> now <= 1 ? null : now - 1);
  }
}
