package dev.vastmesh.simulator.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.simulator.web.VastError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class OfferSearchTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Catalogue catalogue = new Catalogue(Catalogue.read(new DefaultResourceLoader(), "classpath:test-offers.json"));
  private final OfferSearch search = new OfferSearch(catalogue);

  private List<Long> ids(String query) {
    return search.search(JSON.readTree(query)).stream().map(o -> o.get("id").longValue()).toList();
  }

  @Test
  void everyOperatorFiltersAsVastDoes() {
    assertThat(ids("{\"gpu_name\":{\"eq\":\"RTX 4090\"},\"order\":[[\"id\",\"asc\"]]}")).containsExactly(1L, 2L);
    assertThat(ids("{\"gpu_name\":{\"neq\":\"RTX 4090\"},\"order\":[[\"id\",\"asc\"]]}")).containsExactly(3L, 4L);
    assertThat(ids("{\"reliability\":{\"gt\":\"0.995\"}}")).containsExactly(3L);
    assertThat(ids("{\"reliability\":{\"gte\":\"0.995\"},\"order\":[[\"id\",\"asc\"]]}")).containsExactly(1L, 3L);
    assertThat(ids("{\"num_gpus\":{\"lt\":\"2\"},\"order\":[[\"id\",\"asc\"]]}")).containsExactly(1L, 3L, 4L);
    assertThat(ids("{\"num_gpus\":{\"lte\":2},\"dph_base\":{\"lte\":0.3},\"order\":[[\"id\",\"asc\"]]}")).containsExactly(2L, 4L);
    assertThat(ids("{\"geolocation\":{\"in\":[\"Texas, US\",\"Poland, PL\"]},\"order\":[[\"id\",\"asc\"]]}")).containsExactly(1L, 4L);
    assertThat(ids("{\"geolocation\":{\"notin\":[\"Texas, US\",\"Poland, PL\"]},\"order\":[[\"id\",\"asc\"]]}")).containsExactly(2L, 3L);
    assertThat(ids("{\"verified\":{\"eq\":true},\"rentable\":{\"eq\":true},\"external\":{\"eq\":false},\"order\":[[\"id\",\"asc\"]]}"))
        .containsExactly(1L, 2L, 3L);
  }

  @Test
  void theClisDriverVersionNumberComparesWithTheDottedVersion() {
    assertThat(ids("{\"driver_version\":{\"gte\":550000000},\"order\":[[\"id\",\"asc\"]]}")).containsExactly(1L, 3L);
  }

  @Test
  void aFieldNoOfferHasMatchesOnlyNegations() {
    assertThat(ids("{\"no_such_field\":{\"eq\":1}}")).isEmpty();
    assertThat(ids("{\"no_such_field\":{\"neq\":1}}")).hasSize(4);
  }

  @Test
  void ordersByEveryTermThenLimits() {
    assertThat(ids("{\"order\":[[\"gpu_name\",\"asc\"],[\"dph_total\",\"desc\"]]}")).containsExactly(3L, 4L, 1L, 2L);
    assertThat(ids("{\"order\":[[\"dph_total\",\"asc\"]],\"limit\":2}")).containsExactly(4L, 2L);
    assertThat(ids("{}")).as("by score, best first, without an order").containsExactly(3L, 1L, 2L, 4L);
  }

  @Test
  void aBidSearchShowsTheMinimumBidAndStorageIsInTheTotal() {
    ObjectNode onDemand = search.search(JSON.readTree("{\"id\":{\"eq\":1},\"allocated_storage\":72}")).getFirst();
    assertThat(onDemand.get("dph_total").doubleValue()).isEqualTo(0.40 + 0.15 * 72 / 720, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(onDemand.get("is_bid").booleanValue()).isFalse();
    ObjectNode bid = search.search(JSON.readTree("{\"id\":{\"eq\":1},\"type\":\"bid\",\"allocated_storage\":72}")).getFirst();
    assertThat(bid.get("dph_base").doubleValue()).isEqualTo(0.20);
    assertThat(bid.get("is_bid").booleanValue()).isTrue();
    assertThat(ids("{\"type\":\"reserved\",\"order\":[[\"id\",\"asc\"]]}")).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void allocatedStorageLeavesOutMachinesWithLessDisk() {
    assertThat(ids("{\"allocated_storage\":150,\"order\":[[\"id\",\"asc\"]]}")).containsExactly(1L, 2L);
  }

  @Test
  void aTakenOfferIsNoLongerRentable() {
    assertThat(catalogue.take(3)).isTrue();
    assertThat(catalogue.take(3)).as("offer 3 rents one machine").isFalse();
    assertThat(ids("{\"rentable\":{\"eq\":true},\"id\":{\"eq\":3}}")).isEmpty();
    catalogue.release(3);
    assertThat(ids("{\"rentable\":{\"eq\":true},\"id\":{\"eq\":3}}")).containsExactly(3L);
  }

  @Test
  void badQueriesAreRefusedWithVastsShape() {
    for (String bad : List.of("{\"num_gpus\":{\"~\":1}}", "{\"num_gpus\":2}", "{\"gpu_name\":{\"in\":\"RTX 4090\"}}",
        "{\"type\":\"spot\"}", "{\"limit\":-1}", "{\"allocated_storage\":\"lots\"}", "{\"order\":[[\"dph_total\",\"up\"]]}", "[]")) {
      assertThatThrownBy(() -> search.search(JSON.readTree(bad))).as(bad).isInstanceOfSatisfying(VastError.class, e -> {
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.body()).containsEntry("success", false).containsKey("msg");
      });
    }
  }

  @Test
  void theDefaultCatalogueHasTheCommonGpusWithMachinesCountsAndBids() {
    List<CatalogueOffer> offers = Catalogue.read(new DefaultResourceLoader(), "classpath:offers.yml");
    assertThat(offers).extracting(o -> o.fields().get("gpu_name").asString())
        .contains("RTX 4090", "RTX 3090", "A100 PCIE", "A100 SXM4", "H100 SXM");
    assertThat(offers).allSatisfy(o -> {
      assertThat(o.fields().has("machine_id")).isTrue();
      assertThat(o.count()).isPositive();
      assertThat(o.minBid()).isLessThan(o.dphBase());
      assertThat(o.fields().get("reliability").doubleValue()).isBetween(0.9, 1.0);
      assertThat(o.fields().get("geolocation").asString()).isNotBlank();
    });
  }
}
