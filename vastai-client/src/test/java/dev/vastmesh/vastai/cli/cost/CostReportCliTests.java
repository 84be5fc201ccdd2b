package dev.vastmesh.vastai.cli.cost;

import static dev.vastmesh.vastai.cli.cost.FakeVastBilling.chargesPage;
import static dev.vastmesh.vastai.cli.cost.FakeVastBilling.json;
import static dev.vastmesh.vastai.cli.cost.FakeVastBilling.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.vastai.cli.VastCli;
import java.net.ServerSocket;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** {@code vastai cost report} through the real entry point against charges shaped as the reference documents them. */
class CostReportCliTests extends CostCliSupport {

  static final String UNTIL = "2026-02-01T00:00:00Z";
  static final long UNTIL_SECONDS = 1769904000L;

  /** Two pages; prod twice, a foreign label, one without a label that is gone, one whose label is on the account. */
  void fleet() {
    vast.chargesPages.put("", chargesPage("eyJ2YWx1ZXMiOiB7ImlkIjogMTIzNDU2Nzh9fQ==",
        line(12345678, "vastmesh-deploy:p1;env=prod", 37.344, 0.9, 0.12, 0.057),
        line(222, "vastmesh-deploy:p2;env=prod", 1.2, 0.3, 0, 0),
        line(333, "my notebook", 0.5, 0.1, 0, 0)));
    vast.chargesPages.put("eyJ2YWx1ZXMiOiB7ImlkIjogMTIzNDU2Nzh9fQ==", chargesPage(null,
        line(444, null, 0, 0.25, 0, 0),
        line(555, null, 2.0, 0.2, 0, 0),
        line(222, "vastmesh-deploy:p2;env=prod", 0.6, 0.1, 0, 0)));
    vast.instancesJson = "{\"success\":true,\"instances_found\":1,\"total_instances\":1,\"next_token\":null,\"instances\":["
        + "{\"id\":555,\"actual_status\":\"running\",\"label\":\"vastmesh-deploy:p5;env=staging\",\"gpu_name\":\"RTX 4090\",\"num_gpus\":2},"
        + "{\"id\":12345678,\"actual_status\":\"running\",\"label\":\"vastmesh-deploy:p1;env=prod\",\"gpu_name\":\"H100 SXM\",\"num_gpus\":1}]}";
  }

  @Test
  void everyPageIsReadAndGroupedByEnvironmentWithTheUnknownsNamed() {
    fleet();

    int code = run("cost", "report", "--since", "31d", "--until", UNTIL, "--by", "environment", "--json");

    assertThat(code).as(() -> err.toString()).isZero();
    JsonNode report = output();
    assertThat(report.get("by").asString()).isEqualTo("environment");
    assertThat(report.get("from").asString()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(report.get("to").asString()).isEqualTo(UNTIL);
    assertThat(report.get("groups")).extracting(g -> g.get("name").asString() + "=" + dollars(g.get("total")))
        .containsExactly("prod=40.621", "staging=2.2", "(no environment)=0.6", "(unlabelled)=0.25");
    JsonNode prod = report.get("groups").get(0);
    assertThat(prod.get("instances").intValue()).isEqualTo(2);
    assertThat(prod.get("sources")).extracting(JsonNode::asString).containsExactly("instance-12345678", "instance-222");
    assertThat(prod.get("gpu").decimalValue()).isEqualByComparingTo("39.144");
    assertThat(prod.get("storage").decimalValue()).isEqualByComparingTo("1.300");
    assertThat(prod.get("bandwidth").decimalValue()).isEqualByComparingTo("0.177");
    assertThat(report.get("total").get("total").decimalValue()).isEqualByComparingTo("43.671");
    assertThat(report.get("total").get("instances").intValue()).isEqualTo(5);

    List<RecordedRequest> pages = vast.requestsTo("/api/v0/charges/");
    assertThat(pages).hasSize(2);
    String filters = "{\"day\":{\"gte\":1767225600,\"lte\":" + UNTIL_SECONDS + "},\"type\":{\"in\":[\"instance\"]}}";
    assertThat(pages).allSatisfy(p -> {
      assertThat(p.getUrl().queryParameter("select_filters")).as("filters stay the same between pages").isEqualTo(filters);
      assertThat(p.getUrl().queryParameter("latest_first")).isEqualTo("false");
      assertThat(p.getUrl().queryParameter("limit")).isEqualTo("500");
    });
    assertThat(pages.get(1).getUrl().queryParameter("after_token")).isEqualTo("eyJ2YWx1ZXMiOiB7ImlkIjogMTIzNDU2Nzh9fQ==");
    assertThat(vast.requestsTo("/api/v1/instances/")).as("two contracts have no label in their charges").hasSize(1);
  }

  @Test
  void byGpuTheInstancesTellTheGpuAndAGoneOneIsUnknown() {
    fleet();

    assertThat(run("cost", "report", "--until", UNTIL, "--by", "gpu")).as(() -> err.toString()).isZero();

    List<String> rows = out.toString().lines().toList();
    assertThat(rows.get(0)).startsWith("Vast charges 2026-01-02T00:00:00Z .. 2026-02-01T00:00:00Z by gpu");
    assertThat(rows.get(1)).startsWith("GPU").contains("INSTANCES", "STORAGE", "BANDWIDTH", "TOTAL");
    assertThat(rows.get(2)).startsWith("1x H100 SXM").endsWith(" 38.421");
    assertThat(rows.get(3)).startsWith("(unknown gpu)").contains(" 3 ").endsWith(" 3.050");
    assertThat(rows.get(4)).startsWith("2x RTX 4090").endsWith(" 2.200");
    assertThat(rows.get(5)).startsWith("TOTAL").contains(" 5 ").endsWith(" 43.671");
  }

  @Test
  void byLabelNoInstanceIsReadWhenTheChargesCarryEveryLabel() {
    vast.chargesPages.put("", chargesPage(null, line(1, "ci-7", 1, 0.1, 0, 0), line(2, "ci-7", 2, 0.2, 0, 0), line(3, "batch", 0.5, 0, 0, 0)));

    assertThat(run("cost", "report", "--until", UNTIL, "--by", "label", "--json")).as(() -> err.toString()).isZero();

    assertThat(output().get("groups")).extracting(g -> g.get("name").asString() + "=" + dollars(g.get("total")))
        .containsExactly("ci-7=3.3", "batch=0.5");
    assertThat(vast.requestsTo("/api/v1/instances/")).isEmpty();
  }

  @Test
  void byInstanceIsTheDefaultAndOneContractsDaysAddUp() {
    vast.chargesPages.put("", chargesPage(null, line(9, "a", 1, 0.1, 0, 0), line(8, null, 0.2, 0, 0, 0), line(9, "a", 1, 0.1, 0, 0)));

    assertThat(run("cost", "report", "--until", UNTIL, "--json")).as(() -> err.toString()).isZero();

    assertThat(output().get("by").asString()).isEqualTo("instance");
    assertThat(output().get("groups")).extracting(g -> g.get("name").asString() + "=" + dollars(g.get("total")))
        .containsExactly("instance-9=2.2", "instance-8=0.2");
    assertThat(vast.requestsTo("/api/v1/instances/")).as("by instance needs no label").isEmpty();
  }

  @Test
  void aPeriodWithoutChargesIsAReportOfZero() {
    vast.chargesPages.put("", chargesPage(null));

    assertThat(run("cost", "report", "--until", UNTIL, "--json")).isZero();

    assertThat(output().get("groups")).isEmpty();
    assertThat(output().get("total").get("total").decimalValue()).isEqualByComparingTo("0");
  }

  @ParameterizedTest
  @CsvSource({"30d, 1767312000", "12h, 1769860800", "1h, 1769900400", "2026-01-15, 1768435200", "2026-01-20T06:30:00Z, 1768890600"})
  void sinceTakesDaysHoursDatesAndInstants(String since, long gte) {
    vast.chargesPages.put("", chargesPage(null));

    assertThat(run("cost", "report", "--since", since, "--until", UNTIL)).as(() -> err.toString()).isZero();

    assertThat(vast.requestsTo("/api/v0/charges/").getFirst().getUrl().queryParameter("select_filters"))
        .isEqualTo("{\"day\":{\"gte\":" + gte + ",\"lte\":" + UNTIL_SECONDS + "},\"type\":{\"in\":[\"instance\"]}}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--since|5w|--since takes e.g. 30d", "--since|0d|at least 1d", "--since|yesterday|--since takes", "--until|2026-13-01|--until takes",
      "--by|team|--by takes instance, environment, label or gpu", "--since|2026-03-01|must be before --until"})
  void aBadArgumentIsAUsageErrorAndNothingIsAsked(String option, String value, String message) {
    String[] args = option.equals("--until") ? new String[] {"cost", "report", option, value}
        : new String[] {"cost", "report", "--until", UNTIL, option, value};
    assertThat(run(args)).isEqualTo(2);

    assertThat(err.toString()).contains(message);
    assertThat(out.toString()).isEmpty();
    assertThat(vast.requests).isEmpty();
  }

  @Test
  void aRefusedKeyIsAnApiErrorThatNeverPrintsTheKey() {
    String wrong = "wrong-key-secret-91";

    assertThat(runWithKey(wrong, "cost", "report", "--until", UNTIL)).isEqualTo(VastCli.API_ERROR);

    assertThat(err.toString()).contains("HTTP 404").contains("Invalid user key").contains("VASTAI_API_KEY")
        .doesNotContain(wrong);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void a401IsAnApiErrorToo() {
    vast.chargesPages.put("", json(401, "{\"success\":false,\"error\":\"auth_error\",\"msg\":\"Invalid user key\"}"));

    assertThat(run("cost", "report", "--until", UNTIL)).isEqualTo(VastCli.API_ERROR);

    assertThat(err.toString()).contains("HTTP 401").contains("Invalid user key").doesNotContain(FakeVastBilling.KEY);
    assertThat(out.toString()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "502|<html><body><h1>502 Bad Gateway</h1></body></html>|HTTP 502",
      "500|{\"msg\":\"internal\"}|HTTP 500",
      "200|<html>maintenance</html>|not JSON",
      "200||the answer is empty",
      "200|{\"success\":true,\"results\":{}}|no 'results' list",
      "200|{\"success\":true,\"next_token\":null,\"results\":[{\"source\":\"instance-1\",\"amount\":\"lots\"}]}|wrong type",
      "200|{\"success\":true,\"next_token\":null,\"results\":[{\"source\":\"instance-1\",\"items\":[]}]}|has no amount",
      "200|{\"success\":true,\"next_token\":null,\"results\":[{\"source\":\"instance-1\",\"amount\":1,\"items\":[{\"type\":\"gpu\"}]}]}|has no amount",
      "200|{\"success\":true,\"next_token\":null,\"results\":[7]}|not a JSON object",
      "400|{\"success\":false,\"msg\":\"Must provide both 'day' gte and lte filters for instance charges\"}|Must provide both",
      "200|{\"success\":false,\"error\":\"Invalid date range\",\"results\":[],\"next_token\":null}|Invalid date range"})
  void aFailedOrMalformedAnswerIsAnErrorNeverAReport(int status, String body, String message) {
    vast.chargesPages.put("", new MockResponse.Builder().code(status).body(body == null ? "" : body).build());

    assertThat(run("cost", "report", "--until", UNTIL)).isEqualTo(VastCli.API_ERROR);

    assertThat(err.toString()).startsWith("error: ").contains(message).doesNotContain(FakeVastBilling.KEY);
    assertThat(out.toString()).as("no report, not even an empty one").isEmpty();
  }

  @Test
  void aLaterPageThatFailsLeavesNoPartialReport() {
    vast.chargesPages.put("", chargesPage("p2", line(1, "a", 5, 0, 0, 0)));
    vast.chargesPages.put("p2", json(503, "{\"msg\":\"busy\"}"));

    assertThat(run("cost", "report", "--until", UNTIL)).isEqualTo(VastCli.API_ERROR);

    assertThat(err.toString()).contains("HTTP 503");
    assertThat(out.toString()).isEmpty();
    assertThat(vast.requestsTo("/api/v0/charges/")).as("retried like Vast's CLI").hasSize(4);
  }

  @Test
  void aPageTokenThatRepeatsIsAnErrorNotALoop() {
    vast.chargesPages.put("", chargesPage("p2", line(1, "a", 5, 0, 0, 0)));
    vast.chargesPages.put("p2", chargesPage("p2", line(2, "a", 5, 0, 0, 0)));

    assertThat(run("cost", "report", "--until", UNTIL)).isEqualTo(VastCli.API_ERROR);

    assertThat(err.toString()).contains("the same page token came back twice");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void anUnreadableInstanceListIsAnErrorWhenTheGroupsNeedIt() {
    vast.chargesPages.put("", chargesPage(null, line(1, null, 5, 0, 0, 0)));
    vast.instancesJson = "{\"success\":true,\"next_token\":null}";

    assertThat(run("cost", "report", "--until", UNTIL, "--by", "environment")).isEqualTo(VastCli.API_ERROR);

    assertThat(err.toString()).contains("no 'instances' list");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void anUnreachableApiIsATransportError() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    out = new java.io.StringWriter();
    err = new java.io.StringWriter();
    int code = VastCli.run(new String[] {"cost", "report", "--until", UNTIL},
        java.util.Map.of("VASTAI_API_KEY", FakeVastBilling.KEY, "VAST_URL", "http://127.0.0.1:" + port + "/", "VASTAI_RATE_LIMIT", "off"),
        new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true));

    assertThat(code).isEqualTo(VastCli.TRANSPORT_ERROR);
    assertThat(out.toString()).isEmpty();
  }
}
