package dev.vastmesh.vastai.cli.cost;

import dev.vastmesh.vastai.cli.VastCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real entry point against {@link FakeVastBilling}, with stdout and stderr captured. */
abstract class CostCliSupport {

  MockWebServer server;
  final FakeVastBilling vast = new FakeVastBilling();
  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(vast);
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  int run(String... args) {
    return runWithKey(FakeVastBilling.KEY, args);
  }

  int runWithKey(String key, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    Map<String, String> env = new HashMap<>();
    env.put("VASTAI_API_KEY", key);
    env.put("VAST_URL", server.url("/").toString());
    env.put("VASTAI_RATE_LIMIT", "off");
    return VastCli.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  /** A dollar figure of the JSON output, without trailing zeros. */
  static String dollars(JsonNode amount) {
    return amount.decimalValue().stripTrailingZeros().toPlainString();
  }

  JsonNode output() {
    return JsonMapper.builder().build().readTree(out.toString());
  }
}
