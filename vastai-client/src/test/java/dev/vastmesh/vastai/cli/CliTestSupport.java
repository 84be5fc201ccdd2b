package dev.vastmesh.vastai.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The real CLI entry point against a local server that answers as Vast does ({@code vast}, the
 * test's dispatcher), with the rate limiter off and stdout and stderr captured afresh for each run.
 *
 * @param <D> the fake Vast the test drives and inspects
 */
public abstract class CliTestSupport<D extends Dispatcher> {

  protected final D vast;
  protected MockWebServer server;
  protected StringWriter out = new StringWriter();
  protected StringWriter err = new StringWriter();

  protected CliTestSupport(D vast) {
    this.vast = vast;
  }

  @BeforeEach
  void startFakeVast() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(vast);
    server.start();
  }

  @AfterEach
  void stopFakeVast() {
    server.close();
  }

  /** Runs with {@code key} as {@code VASTAI_API_KEY}. */
  protected int runWithKey(String key, String... args) {
    return run(Map.of("VASTAI_API_KEY", key), args);
  }

  /** Runs with {@code env}, to which the fake's URL and the rate limiter's "off" are added. */
  protected int run(Map<String, String> env, String... args) {
    out = new StringWriter();
    err = new StringWriter();
    Map<String, String> withFake = new HashMap<>(env);
    withFake.put("VAST_URL", server.url("/").toString());
    withFake.put("VASTAI_RATE_LIMIT", "off");
    return VastCli.run(args, withFake, new PrintWriter(out, true), new PrintWriter(err, true));
  }
}
