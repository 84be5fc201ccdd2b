package dev.vastmesh.vastai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code search offers} against what Vast's own CLI did with the same arguments
 * ({@code vast-cli-queries.jsonl}, see the README beside it): the same request body, or a refusal
 * (exit 2, nothing sent) where Vast's CLI refused, or where it sent what its API cannot use.
 */
class VastCliCompatibilityTests {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final FakeVast VAST = new FakeVast();
  static MockWebServer server;

  @BeforeAll
  static void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(VAST);
    server.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (InputStream in = VastCliCompatibilityTests.class.getResourceAsStream("vast-cli-queries.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          JsonNode row = JSON.readTree(line);
          List<String> args = new ArrayList<>();
          row.get("args").forEach(a -> args.add(a.asString()));
          cases.add(Arguments.of(String.join(" ␣ ", args), args, row));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void searchOffersSendsWhatVastsCliSendsOrRefuses(String shown, List<String> args, JsonNode row) {
    VAST.requestsWithBodies.clear();
    StringWriter err = new StringWriter();
    List<String> argv = new ArrayList<>(List.of("search", "offers"));
    argv.addAll(args);
    int code = VastCli.run(argv.toArray(String[]::new), Map.of("VASTAI_API_KEY", FakeVast.KEY, "VAST_URL", server.url("/").toString(),
        "VASTAI_RATE_LIMIT", "off"), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

    if (row.has("body") && !row.has("divergence")) {
      assertThat(code).as("exit code; stderr: %s", err).isZero();
      assertThat(VAST.requestsWithBodies).hasSize(1);
      String sent = VAST.requestsWithBodies.getFirst();
      assertThat(sent).startsWith("POST /api/v0/bundles/ ");
      JsonNode body = JSON.readTree(sent.substring("POST /api/v0/bundles/ ".length()));
      // Through one mapper both ways, so 1e-05 and 1.0E-5 read alike; key order counts.
      assertThat(JSON.writeValueAsString(body)).isEqualTo(JSON.writeValueAsString(row.get("body")));
    } else {
      assertThat(code).as("exit code; stderr: %s", err).isEqualTo(2);
      assertThat(VAST.requestsWithBodies).isEmpty();
      assertThat(err.toString()).isNotBlank().doesNotContain("\tat ");
    }
  }

  int run(Map<String, String> env, StringWriter out, String... args) {
    Map<String, String> withUrl = new HashMap<>(env);
    withUrl.put("VAST_URL", server.url("/").toString());
    withUrl.put("VASTAI_RATE_LIMIT", "off");
    return VastCli.run(args, withUrl, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
  }

  @Test
  void aCommandCopiedFromVastsDocsRunsAsIs() {
    VAST.requestsWithBodies.clear();
    VAST.offersJson = FakeVast.offers(0.34);
    StringWriter out = new StringWriter();

    assertThat(run(Map.of("VAST_API_KEY", FakeVast.KEY), out, "search", "offers", "reliability", ">", "0.99", "num_gpus>=4",
        "verified=False", "-o", "num_gpus-", "-i", "--storage", "40", "--raw")).isZero();

    assertThat(VAST.requestsWithBodies).singleElement().asString().endsWith("{\"verified\":{\"eq\":false},\"external\":{\"eq\":false},"
        + "\"rentable\":{\"eq\":true},\"reliability\":{\"gt\":\"0.99\"},\"num_gpus\":{\"gte\":\"4\"},"
        + "\"order\":[[\"num_gpus\",\"desc\"]],\"type\":\"bid\",\"allocated_storage\":40.0}");
    assertThat(out.toString()).contains("\"dph_total\" : 0.34");
  }

  @Test
  void theKeyComesFromTheFileThenVastaiApiKeyThenVastApiKey(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("key"), FakeVast.KEY);
    StringWriter out = new StringWriter();

    assertThat(run(Map.of("VAST_API_KEY", FakeVast.KEY), out, "show", "instances")).isZero();
    assertThat(run(Map.of("VASTAI_API_KEY", FakeVast.KEY, "VAST_API_KEY", "other"), out, "show", "instances")).isZero();
    assertThat(run(Map.of("VASTAI_API_KEY", "other", "VAST_API_KEY", FakeVast.KEY), out, "show", "instances")).isEqualTo(VastCli.API_ERROR);
    assertThat(run(Map.of("VASTAI_API_KEY", " ", "VAST_API_KEY", FakeVast.KEY), out, "show", "instances")).isZero();
    assertThat(run(Map.of("VASTAI_API_KEY", "other", "VAST_API_KEY", "other"), out, "--api-key-file", file.toString(), "show", "instances"))
        .isZero();
    assertThat(run(Map.of(), out, "show", "instances")).isEqualTo(2);
  }

  @Test
  void theDataCoversEveryKindOfCase() throws IOException {
    List<JsonNode> rows = cases().map(a -> (JsonNode) a.get()[2]).toList();
    assertThat(rows).hasSizeGreaterThan(300);
    assertThat(rows).filteredOn(r -> r.has("error")).hasSizeGreaterThan(100);
    assertThat(rows.stream().filter(r -> r.has("divergence")).map(r -> r.get("divergence").asString()).distinct())
        .containsExactlyInAnyOrder("unknown-field", "driver-version-without-dots", "order-field-not-a-name", "unknown-type", "negative-limit");
  }
}
