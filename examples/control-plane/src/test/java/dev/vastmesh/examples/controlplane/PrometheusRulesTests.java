package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/prometheus as promtool sees it: a valid configuration, rules that pass their unit tests. */
class PrometheusRulesTests {

  static final Path PROMETHEUS = PrometheusTools.DEPLOY.resolve("prometheus");

  @Test
  void theScrapeConfigAndBothRuleFilesAreValid() {
    String output = PrometheusTools.promtoolSucceeds(PROMETHEUS, "check", "config", "prometheus.yml");

    assertThat(output).contains("SUCCESS: 2 rule files found").contains("SUCCESS: 4 rules found").contains("SUCCESS: 6 rules found");
  }

  @Test
  void theRecordingRulesPassTheirUnitTests() {
    assertThat(PrometheusTools.promtoolSucceeds(PROMETHEUS, "test", "rules", "tests/recording_test.yml")).contains("SUCCESS");
  }

  @Test
  void theAlertRulesPassTheirUnitTests() {
    assertThat(PrometheusTools.promtoolSucceeds(PROMETHEUS, "test", "rules", "tests/alerts_test.yml")).contains("SUCCESS");
  }

  @Test
  void aRuleThatDisagreesWithItsTestIsCaught() throws IOException {
    // The same alert with its threshold moved: the unit test must notice.
    Path work = Files.createTempDirectory("vastmesh-rules-");
    Files.createDirectories(work.resolve("rules"));
    Files.createDirectories(work.resolve("tests"));
    Files.writeString(work.resolve("rules/alerts.yml"), Files.readString(PROMETHEUS.resolve("rules/alerts.yml"))
        .replace("(vastmesh_registry_heartbeat_age_max_seconds) > 200", "(vastmesh_registry_heartbeat_age_max_seconds) > 400"));
    Files.copy(PROMETHEUS.resolve("tests/alerts_test.yml"), work.resolve("tests/alerts_test.yml"));

    PrometheusTools.Run run = PrometheusTools.promtool(work, new byte[0], "test", "rules", "tests/alerts_test.yml");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("VastmeshInstanceMissingHeartbeats");
  }

  @Test
  void everyRuleHasAUnitTest() throws IOException {
    String alertTests = Files.readString(PROMETHEUS.resolve("tests/alerts_test.yml"));
    String recordingTests = Files.readString(PROMETHEUS.resolve("tests/recording_test.yml"));

    assertThat(names("alert", PROMETHEUS.resolve("rules/alerts.yml"))).hasSize(6)
        .allSatisfy(alert -> assertThat(alertTests).contains("alertname: " + alert + "\n        exp_alerts:\n          - "));
    assertThat(names("record", PROMETHEUS.resolve("rules/recording.yml"))).hasSize(4)
        .allSatisfy(record -> assertThat(recordingTests).contains("- expr: " + record + "\n"));
  }

  /** The names of the rules of one kind ({@code alert} or {@code record}) in a rule file. */
  static List<String> names(String kind, Path rules) throws IOException {
    return Pattern.compile("^\\s*- " + kind + ": (\\S+)$", Pattern.MULTILINE).matcher(Files.readString(rules)).results()
        .map(match -> match.group(1)).toList();
  }
}
