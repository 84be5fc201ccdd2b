package dev.vastmesh.vastai.cli.cost;

import static dev.vastmesh.vastai.cli.cost.FakeVastBilling.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.vastai.cli.VastCli;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code vastai cost estimate} through the real entry point against offers shaped as Vast's search answers them. */
class CostEstimateCliTests extends CostCliSupport {

  /**
   * Offer 11 has the lower GPU price but dear storage; 12 quotes no storage price, only Vast's
   * dph_total (storage included); 13 is an interruptible-friendly one with a low minimum bid.
   */
  static final String OFFERS = "{\"offers\":["
      + "{\"id\":11,\"gpu_name\":\"RTX 4090\",\"num_gpus\":1,\"dph_base\":0.38,\"min_bid\":0.2,\"storage_cost\":0.9,"
      + "\"dph_total\":0.43,\"storage_total_cost\":0.05,\"reliability2\":0.99},"
      + "{\"id\":12,\"gpu_name\":\"RTX 4090\",\"num_gpus\":1,\"dph_total\":0.41,\"reliability2\":0.98},"
      + "{\"id\":13,\"gpu_name\":\"RTX 4090\",\"num_gpus\":2,\"dph_base\":0.40,\"min_bid\":0.12,\"storage_cost\":0.15,"
      + "\"dph_total\":0.4083333,\"reliability2\":0.97}]}";

  @Test
  void offersArePricedWithTheirStorageCheapestFirstForTheHoursAndAMonth() {
    vast.offers = json(200, OFFERS);

    int code = run("cost", "estimate", "--query", "gpu_name=RTX_4090 reliability>0.95", "--hours", "10", "--count", "2",
        "--disk", "40", "--json");

    assertThat(code).as(() -> err.toString()).isZero();
    JsonNode estimate = output();
    assertThat(estimate.get("hours").doubleValue()).isEqualTo(10.0);
    assertThat(estimate.get("count").intValue()).isEqualTo(2);
    assertThat(estimate.get("hours_per_month").intValue()).isEqualTo(730);
    assertThat(estimate.get("offers")).extracting(o -> o.get("id").longValue()).containsExactly(13L, 12L, 11L);
    JsonNode cheapest = estimate.get("offers").get(0);
    // 0.40 $/h + 0.15 $/GB/month x 40 GB / 720 = 0.408333 $/h; x 10 h x 2 = 8.17; x 730 h x 2 = 596.17
    assertThat(cheapest.get("gpu_per_hour").decimalValue()).isEqualByComparingTo("0.4000");
    assertThat(cheapest.get("storage_per_hour").decimalValue()).isEqualByComparingTo("0.0083");
    assertThat(cheapest.get("per_hour").decimalValue()).isEqualByComparingTo("0.4083");
    assertThat(cheapest.get("for_hours").decimalValue()).isEqualByComparingTo("8.17");
    assertThat(cheapest.get("per_month").decimalValue()).isEqualByComparingTo("596.17");
    JsonNode vastTotal = estimate.get("offers").get(1);
    assertThat(vastTotal.get("per_hour").decimalValue()).isEqualByComparingTo("0.4100");
    assertThat(vastTotal.get("per_month").decimalValue()).isEqualByComparingTo("598.60");
    JsonNode dearStorage = estimate.get("offers").get(2);
    assertThat(dearStorage.get("storage_per_hour").decimalValue()).isEqualByComparingTo("0.0500");
    assertThat(dearStorage.get("per_hour").decimalValue()).isEqualByComparingTo("0.4300");

    JsonNode body = JsonMapper.builder().build().readTree(vast.requestsTo("/api/v0/bundles/").getFirst().getBody().utf8());
    assertThat(body.get("gpu_name").get("eq").asString()).isEqualTo("RTX 4090");
    assertThat(body.get("reliability").get("gt").asString()).isEqualTo("0.95");
    assertThat(body.get("verified").get("eq").booleanValue()).isTrue();
    assertThat(body.get("allocated_storage").doubleValue()).as("the search prices the disk asked for").isEqualTo(40.0);
    assertThat(body.get("type").asString()).isEqualTo("on-demand");
    assertThat(body.get("order").toString()).isEqualTo("[[\"dph_total\",\"asc\"]]");
    assertThat(body.get("limit").intValue()).isEqualTo(20);
  }

  @Test
  void theTableHasTheHourAndMonthColumns() {
    vast.offers = json(200, OFFERS);

    assertThat(run("cost", "estimate", "--query", "gpu_name=RTX_4090", "--hours", "2.5", "--disk", "40")).as(() -> err.toString()).isZero();

    List<String> rows = out.toString().lines().toList();
    assertThat(rows.get(0)).isEqualTo("on-demand offers, 40 GB disk each, 2.5 h x 1 instance(s), USD");
    assertThat(rows.get(1)).contains("GPU $/h", "DISK $/h", "$/h", "2.5h x1", "730h x1");
    assertThat(rows.get(2)).startsWith("13 ").contains(" 0.4000 ", " 0.0083 ", " 0.4083 ", " 1.02 ").endsWith(" 298.08");
    assertThat(rows).hasSize(5);
  }

  @Test
  void anInterruptibleRentalIsPricedAtTheMinimumBid() {
    vast.offers = json(200, OFFERS);

    assertThat(run("cost", "estimate", "--query", "gpu_name=RTX_4090", "--hours", "1", "--type", "interruptible", "--disk", "40",
        "--json")).as(() -> err.toString()).isZero();

    JsonNode cheapest = output().get("offers").get(0);
    assertThat(cheapest.get("id").longValue()).isEqualTo(13L);
    assertThat(cheapest.get("gpu_per_hour").decimalValue()).isEqualByComparingTo("0.1200");
    assertThat(output().get("type").asString()).isEqualTo("bid");
    assertThat(vast.requestsTo("/api/v0/bundles/").getFirst().getBody().utf8()).contains("\"type\":\"bid\"");
  }

  @Test
  void noMatchingOfferIsExitTen() {
    assertThat(run("cost", "estimate", "--query", "gpu_name=B200", "--hours", "1")).isEqualTo(VastCli.NO_OFFER);

    assertThat(err.toString()).contains("no offer matches the query");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"gpu_name>>2|1|1", "gpu_name=RTX_4090|0|1", "gpu_name=RTX_4090|-3|1", "gpu_name=RTX_4090|1|0"})
  void aBadQueryOrFigureIsAUsageErrorAndNothingIsAsked(String query, String hours, String count) {
    assertThat(run("cost", "estimate", "--query", query, "--hours", hours, "--count", count)).isEqualTo(2);

    assertThat(err.toString()).startsWith("error: ");
    assertThat(vast.requests).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "502|<html>bad gateway</html>|HTTP 502",
      "200|{\"offers\":{}}|no 'offers' list",
      "200|<html></html>|not JSON",
      "200|{\"offers\":[{\"id\":5,\"gpu_name\":\"RTX 4090\"}]}|offer 5 has no price"})
  void aFailedOrMalformedSearchIsAnError(int status, String body, String message) {
    vast.offers = json(status, body);

    assertThat(run("cost", "estimate", "--query", "gpu_name=RTX_4090", "--hours", "1")).isEqualTo(VastCli.API_ERROR);

    assertThat(err.toString()).contains(message).doesNotContain(FakeVastBilling.KEY);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aRefusedKeyIsAnApiErrorThatNeverPrintsTheKey() {
    assertThat(runWithKey("not-the-key-4411", "cost", "estimate", "--query", "gpu_name=RTX_4090", "--hours", "1")).isEqualTo(VastCli.API_ERROR);

    assertThat(err.toString()).contains("Invalid user key").doesNotContain("not-the-key-4411");
  }
}
