package dev.vastmesh.vastai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Every command explains itself, and no failure reaches the user as a stack trace. */
class VastCliHelpTests {

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(Map<String, String> env, String... args) {
    return VastCli.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  /** Every command path of the CLI, e.g. [search, offers]. */
  static Stream<List<String>> commandPaths() {
    List<List<String>> paths = new ArrayList<>();
    collect(new CommandLine(new VastCli(Map.of())), new ArrayList<>(), paths);
    return paths.stream();
  }

  static void collect(CommandLine cli, List<String> path, List<List<String>> paths) {
    for (var sub : cli.getSubcommands().entrySet()) {
      List<String> next = new ArrayList<>(path);
      next.add(sub.getKey());
      paths.add(next);
      collect(sub.getValue(), next, paths);
    }
  }

  @ParameterizedTest
  @MethodSource("commandPaths")
  void everyCommandAnswersHelpWithExitZero(List<String> path) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");

    int code = run(Map.of(), args.toArray(String[]::new));

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Usage: vastai " + String.join(" ", path)).contains("-h, --help");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void everyOptionAndParameterHasADescription() {
    List<String> undescribed = new ArrayList<>();
    check(new CommandLine(new VastCli(Map.of())).getCommandSpec(), undescribed);

    assertThat(undescribed).isEmpty();
  }

  static void check(CommandSpec spec, List<String> undescribed) {
    for (ArgSpec arg : spec.args()) {
      String[] description = arg.description();
      boolean helpOption = arg instanceof CommandLine.Model.OptionSpec o && (o.usageHelp() || o.versionHelp());
      if (!helpOption && (description.length == 0 || String.join("", description).isBlank())) {
        undescribed.add(spec.qualifiedName() + " " + arg.paramLabel()
            + (arg instanceof CommandLine.Model.OptionSpec o ? " " + o.longestName() : ""));
      }
    }
    spec.subcommands().values().forEach(sub -> check(sub.getCommandSpec(), undescribed));
  }

  @Test
  void aResultFileThatCannotBeWrittenIsOneLineAndExitFourteen() throws Exception {
    FakeVast vast = new FakeVast();
    vast.offersJson = FakeVast.offers(0.3);
    try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
      server.setDispatcher(vast);
      server.start();
      Map<String, String> env = Map.of("VASTAI_API_KEY", FakeVast.KEY, "VAST_URL", server.url("/").toString(),
          "VASTAI_RATE_LIMIT", "off");

      int code = run(env, "deploy", "--query", "gpu_name=RTX_4090", "--max-price", "0.5", "--image", "img:1",
          "--poll", "PT0.02S", "--result", "/nonexistent/dir/result.json");

      assertThat(code).isEqualTo(VastCli.LOCAL_IO_ERROR);
      assertThat(err.toString()).contains("error: no such file: /nonexistent/dir/result.json").doesNotContain("\tat ");
    }
  }

  @Test
  void aMissingApiKeyFileIsOneLineAndExitTwo() {
    int code = run(Map.of(), "--api-key-file=/nonexistent/vast.key", "show", "instances");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip()).isEqualTo("error: cannot read --api-key-file: no such file: /nonexistent/vast.key");
    assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aTransportFailureIsOneLineWithoutAStackTrace() {
    // Nothing listens on port 1: the connection is refused.
    int code = run(Map.of("VASTAI_API_KEY", "k", "VAST_URL", "http://127.0.0.1:1"), "show", "instances");

    assertThat(code).isEqualTo(VastCli.TRANSPORT_ERROR);
    assertThat(err.toString()).startsWith("error: ").doesNotContain("\tat ");
  }
}
