package dev.vastmesh.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.slf4j.LoggerFactory;

/** The extension run by the JUnit launcher on a sample class: what an ERROR event does to a test. */
class NoErrorLogsTests {

  @ExtendWith(NoErrorLogs.class)
  static class Sample {

    @Test
    void logsAnError() {
      LoggerFactory.getLogger("sample").error("boom");
    }

    @Test
    void logsAWarning() {
      LoggerFactory.getLogger("sample").warn("only a warning");
    }

    @Test
    void logsNothing() {
    }

    @AfterEach
    void logsAnErrorOnTheWayOut(org.junit.jupiter.api.TestInfo info) {
      if (info.getTestMethod().orElseThrow().getName().equals("logsNothing")) {
        LoggerFactory.getLogger("sample").error("in an @AfterEach");
      }
    }
  }

  @Test
  void aTestThatLogsAnErrorFailsWithTheEvent() {
    TestExecutionSummary summary = run("logsAnError");

    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    assertThat(summary.getFailures().getFirst().getException()).isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 ERROR log events").hasMessageContaining("sample: boom");
  }

  @Test
  void aWarningPasses() {
    assertThat(run("logsAWarning").getTestsSucceededCount()).isEqualTo(1);
  }

  @Test
  void anErrorInAnAfterEachMethodFailsTheTestToo() {
    TestExecutionSummary summary = run("logsNothing");

    assertThat(summary.getTestsFailedCount()).isEqualTo(1);
    assertThat(summary.getFailures().getFirst().getException()).hasMessageContaining("in an @AfterEach");
  }

  private static TestExecutionSummary run(String method) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(List.of(selectMethod(Sample.class, method))).build(), listener);
    return listener.getSummary();
  }
}
