package dev.vastmesh.vastai.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The CLI's query language, query by query, against the exact JSON body it must produce. */
class OfferSearchTests {

  static final String DEFAULTS = "\"verified\":{\"eq\":true},\"external\":{\"eq\":false},\"rentable\":{\"eq\":true}";
  static final String TAIL = "\"order\":[[\"score\",\"desc\"]],\"type\":\"on-demand\",\"allocated_storage\":5.0";

  /** The body for a query with the default filters, default order and type. */
  static String body(String filters) {
    return "{" + DEFAULTS + (filters.isEmpty() ? "" : "," + filters) + "," + TAIL + "}";
  }

  static Stream<Arguments> queries() {
    return Stream.of(
        row("", body("")),
        row("gpu_name=RTX_4090", body("\"gpu_name\":{\"eq\":\"RTX 4090\"}")),
        row("gpu_name==RTX_4090", body("\"gpu_name\":{\"eq\":\"RTX 4090\"}")),
        row("gpu_name eq RTX_4090", body("\"gpu_name\":{\"eq\":\"RTX 4090\"}")),
        row("gpu_name = RTX_4090", body("\"gpu_name\":{\"eq\":\"RTX 4090\"}")),
        row("gpu_name=\"RTX 4090\"", body("\"gpu_name\":{\"eq\":\"RTX 4090\"}")),
        // As Vast's CLI: _ becomes a space before the quotes go, so quoting keeps spaces, not underscores.
        row("gpu_name=\"RTX_4090\"", body("\"gpu_name\":{\"eq\":\"RTX 4090\"}")),
        row("static_ip=\"true\"", body("\"static_ip\":{\"eq\":true}")),
        row("gpu_ram>=\"24\"", body("\"gpu_ram\":{\"gte\":24000.0}")),
        row("gpu_name=[A100,H100]", body("\"gpu_name\":{\"eq\":\"A100,H100\"}")),
        row("gpu_name in [A100,,H100,]", body("\"gpu_name\":{\"in\":[\"A100\",\"H100\"]}")),
        row("gpu_name in [A100", body("\"gpu_name\":{\"in\":[\"A100\"]}")),
        row("gpu_name in [true,None]", body("\"gpu_name\":{\"in\":[\"true\",\"None\"]}")),
        row("gpu_name=\"any\"", body("\"gpu_name\":{\"eq\":\"any\"}")),
        row("num_gpus>=2reliability>0.9", body("\"num_gpus\":{\"gte\":\"2reliability>0.9\"}")),
        row("gpu_name=\"A100\"num_gpus=1", body("\"gpu_name\":{\"eq\":\"A100\"},\"num_gpus\":{\"eq\":\"1\"}")),
        row("gpu_name!=RTX_3090", body("\"gpu_name\":{\"neq\":\"RTX 3090\"}")),
        row("gpu_name neq RTX_3090", body("\"gpu_name\":{\"neq\":\"RTX 3090\"}")),
        row("gpu_name noteq RTX_3090", body("\"gpu_name\":{\"neq\":\"RTX 3090\"}")),
        row("gpu_name not eq RTX_3090", body("\"gpu_name\":{\"neq\":\"RTX 3090\"}")),
        row("reliability>0.95", body("\"reliability\":{\"gt\":\"0.95\"}")),
        row("reliability gt 0.95", body("\"reliability\":{\"gt\":\"0.95\"}")),
        row("num_gpus>=2", body("\"num_gpus\":{\"gte\":\"2\"}")),
        row("num_gpus gte 2", body("\"num_gpus\":{\"gte\":\"2\"}")),
        row("dph<0.5", body("\"dph_total\":{\"lt\":\"0.5\"}")),
        row("dph lt 0.5", body("\"dph_total\":{\"lt\":\"0.5\"}")),
        row("dph<=0.5", body("\"dph_total\":{\"lte\":\"0.5\"}")),
        row("dph lte 0.5", body("\"dph_total\":{\"lte\":\"0.5\"}")),
        row("gpu_name in [RTX_4090,RTX_3090]", body("\"gpu_name\":{\"in\":[\"RTX 4090\",\"RTX 3090\"]}")),
        row("gpu_name in [\"A100 SXM4\", H100_PCIE]", body("\"gpu_name\":{\"in\":[\"A100 SXM4\",\"H100 PCIE\"]}")),
        row("geolocation notin [CN,RU]", body("\"geolocation\":{\"notin\":[\"CN\",\"RU\"]}")),
        row("geolocation nin [CN,RU]", body("\"geolocation\":{\"notin\":[\"CN\",\"RU\"]}")),
        row("geolocation not in [CN,RU]", body("\"geolocation\":{\"notin\":[\"CN\",\"RU\"]}")),
        row("static_ip=true", body("\"static_ip\":{\"eq\":true}")),
        row("static_ip=True", body("\"static_ip\":{\"eq\":true}")),
        row("static_ip=False", body("\"static_ip\":{\"eq\":false}")),
        row("host_id=None", body("\"host_id\":{\"eq\":null}")),
        row("host_id!=null", body("\"host_id\":{\"neq\":null}")),
        row("gpu_ram>=24", body("\"gpu_ram\":{\"gte\":24000.0}")),
        row("cpu_ram>64", body("\"cpu_ram\":{\"gt\":64000.0}")),
        row("gpu_total_ram>=80.5", body("\"gpu_total_ram\":{\"gte\":80500.0}")),
        row("duration>=7", body("\"duration\":{\"gte\":604800.0}")),
        row("driver_version>=535.86.05", body("\"driver_version\":{\"gte\":535086005}")),
        row("driver_version>=550.54.15", body("\"driver_version\":{\"gte\":550054015}")),
        row("driver_version=None", body("\"driver_version\":{\"eq\":null}")),
        row("cuda_vers>=12.1", body("\"cuda_max_good\":{\"gte\":\"12.1\"}")),
        row("dlperf_usd>100", body("\"dlperf_per_dphtotal\":{\"gt\":\"100\"}")),
        row("flops_usd>50", body("\"flops_per_dphtotal\":{\"gt\":\"50\"}")),
        row("display_active=false", body("\"gpu_display_active\":{\"eq\":false}")),
        row("verified=false", "{\"verified\":{\"eq\":false},\"external\":{\"eq\":false},\"rentable\":{\"eq\":true}," + TAIL + "}"),
        row("verified=any", "{\"external\":{\"eq\":false},\"rentable\":{\"eq\":true}," + TAIL + "}"),
        row("rentable=* external=?", "{\"verified\":{\"eq\":true}," + TAIL + "}"),
        row("rentable!=false", "{" + DEFAULTS.replace("\"rentable\":{\"eq\":true}", "\"rentable\":{\"eq\":true,\"neq\":false}") + "," + TAIL + "}"),
        row("gpu_name=any", body("")),
        row("reliability>0.9 reliability<0.99", body("\"reliability\":{\"gt\":\"0.9\",\"lt\":\"0.99\"}")),
        row("  gpu_name=RTX_4090   num_gpus=1  ", body("\"gpu_name\":{\"eq\":\"RTX 4090\"},\"num_gpus\":{\"eq\":\"1\"}")),
        row("gpu_name in RTX_4090", body("\"gpu_name\":{\"in\":[\"RTX 4090\"]}")),
        row("gpu_name=RTX_4090 reliability>0.95 num_gpus>=2",
            body("\"gpu_name\":{\"eq\":\"RTX 4090\"},\"reliability\":{\"gt\":\"0.95\"},\"num_gpus\":{\"gte\":\"2\"}")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("queries")
  void queryBuildsTheCliBody(String query, String expected) {
    assertThat(OfferSearch.parse(query).toJson()).isEqualTo(expected);
  }

  static Stream<Arguments> badQueries() {
    return Stream.of(
        row("gpu_name", "expected an operator after 'gpu_name' at position 0"),
        row("gpu_name RTX_4090", "expected an operator after 'gpu_name' at position 0"),
        row("num_gpus>>2", "unknown operator '>>' at position 0"),
        row("num_gpus=<2", "unknown operator '=<' at position 0"),
        row("num_gpus GT 2", "expected an operator after 'num_gpus' at position 0"),
        row("num_gpus ~ 2", "expected an operator after 'num_gpus' at position 0"),
        row("num_gpus>=", "missing value at position 0"),
        row("num_gpus>=2 ,", "unconsumed text at position 12: ','"),
        row("num_gpus>=2 & gpu_name=A100", "unconsumed text at position 12: '& gpu_name=A100'"),
        row("gpu_name=\"RTX 4090", "unknown field '4090' at position 14"),
        row("gpu_name in []", "missing value at position 0"),
        row("gpu_name!=any", "'any' removes a filter and only goes with = at position 0"),
        row("verified>*", "'*' removes a filter and only goes with = at position 0"),
        row("gpu_nmae=RTX_4090", "unknown field 'gpu_nmae' at position 0"),
        row("num_gpus=1 GPU_NAME=RTX_4090", "unknown field 'GPU_NAME' at position 11"),
        row("gpu_ram>=lots", "gpu_ram takes a number, not 'lots' at position 0"),
        row("gpu_ram>=1_000", "gpu_ram takes a number, not '1 000' at position 0"),
        row("gpu_ram>=inf", "gpu_ram takes a finite number, not 'inf' at position 0"),
        row("gpu_ram in [16,24]", "gpu_ram takes one number, not a list at position 0"),
        row("driver_version>=550.54", "driver_version takes a full version X.Y.Z such as 535.86.05, not '550.54' at position 0"),
        row("driver_version>=550", "driver_version takes a full version X.Y.Z such as 535.86.05, not '550' at position 0"),
        row("driver_version>=\"535.86.05\"", "driver_version takes a full version X.Y.Z"),
        row("driver_version>=0.0.0", "driver_version takes a full version X.Y.Z"),
        row("driver_version in [535.86.05]", "driver_version takes one version, not a list at position 0"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("badQueries")
  void badQueriesPointAtWhatIsWrong(String query, String message) {
    assertThatThrownBy(() -> OfferSearch.parse(query)).isInstanceOf(QuerySyntaxException.class).hasMessageStartingWith(message);
  }

  @Test
  void theReferencesExampleWithOrderByPrice() {
    assertThat(OfferSearch.parse("gpu_name=RTX_4090 reliability>0.95 num_gpus>=2").orderBy("dph+").toJson()).isEqualTo(
        "{\"verified\":{\"eq\":true},\"external\":{\"eq\":false},\"rentable\":{\"eq\":true},"
            + "\"gpu_name\":{\"eq\":\"RTX 4090\"},\"reliability\":{\"gt\":\"0.95\"},\"num_gpus\":{\"gte\":\"2\"},"
            + "\"order\":[[\"dph_total\",\"asc\"]],\"type\":\"on-demand\",\"allocated_storage\":5.0}");
  }

  @Test
  void orderSpellings() {
    assertThat(OfferSearch.parse("").orderBy("dph-,-score,reliability+,+num_gpus,dlperf").toTree().get("order").toString())
        .isEqualTo("[[\"dph_total\",\"desc\"],[\"score\",\"desc\"],[\"reliability\",\"asc\"],[\"num_gpus\",\"asc\"],[\"dlperf\",\"asc\"]]");
    assertThat(OfferSearch.parse("").orderBy("dph+,,--score, ").toTree().get("order").toString())
        .isEqualTo("[[\"dph_total\",\"asc\"],[\"score\",\"desc\"]]");
    assertThat(OfferSearch.parse("").orderBy("").toTree().get("order").toString()).isEqualTo("[]");
    assertThatThrownBy(() -> OfferSearch.parse("").orderBy("dph total")).isInstanceOf(QuerySyntaxException.class)
        .hasMessageStartingWith("invalid order field 'dph total' at position 0");
    assertThatThrownBy(() -> OfferSearch.parse("").orderBy("score,-dph+")).isInstanceOf(QuerySyntaxException.class)
        .hasMessageStartingWith("invalid order field '-dph+' at position 6");
  }

  @Test
  void noDefaultsTypeStorageAndLimit() {
    assertThat(OfferSearch.parse("num_gpus=1", false).type(RentalKind.INTERRUPTIBLE).storage(40).limit(10).toJson())
        .isEqualTo("{\"num_gpus\":{\"eq\":\"1\"},\"order\":[[\"score\",\"desc\"]],\"type\":\"bid\",\"limit\":10,\"allocated_storage\":40.0}");
    assertThat(OfferSearch.parse("").type(RentalKind.RESERVED).toTree().get("type").asString()).isEqualTo("reserved");
  }

  private static Arguments row(String query, String expected) {
    return Arguments.of(query, expected);
  }
}
