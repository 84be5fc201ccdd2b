package dev.vastmesh.costmonitor.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.costmonitor.registry.HttpRegistry;
import dev.vastmesh.costmonitor.registry.Registry;
import dev.vastmesh.testsupport.FakeHttpServer;
import dev.vastmesh.testsupport.FakeHttpServer.Reply;
import dev.vastmesh.vastai.VastClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class SamplerTests {

  private static final String KEY = "the-vast-key-that-must-never-show";
  private static final String ROW = "{\"id\":%d,\"actual_status\":\"running\",\"dph_total\":0.5,\"dph_base\":0.4,\"storage_total_cost\":0.1}";

  private final FakeHttpServer vast = FakeHttpServer.start();
  private final FakeHttpServer registry = FakeHttpServer.start();
  private final AtomicReference<FakeHttpServer.Handler> list = new AtomicReference<>(
      request -> Reply.json(200, "{\"instances\":[" + ROW.formatted(1) + "]}"));
  private final AtomicReference<FakeHttpServer.Handler> charges = new AtomicReference<>(
      request -> Reply.json(200, "{\"results\":[{\"source\":\"instance-1\",\"amount\":1.5}],\"next_token\":null}"));
  private final AtomicReference<FakeHttpServer.Handler> entries = new AtomicReference<>(
      request -> Reply.json(200, "{\"instances\":[],\"count\":0,\"index\":0}"));

  SamplerTests() {
    vast.on("/api/v1/instances/", request -> list.get().answer(request));
    vast.on("/api/v0/users/current/", request -> Reply.json(200, "{\"id\":1,\"balance\":42.5,\"credit\":42.5}"));
    vast.on("/api/v0/charges/", request -> charges.get().answer(request));
    registry.on("/api/v1/vastai/registry", request -> entries.get().answer(request));
  }

  private void listAnswers(Reply reply) {
    list.set(request -> reply);
  }

  @AfterEach
  void close() {
    vast.close();
    registry.close();
  }

  private Sampler sampler(Registry with) {
    VastClient client = VastClient.builder(KEY).baseUrl(vast.url()).rateLimits(Map.of()).retries(2, Duration.ofMillis(1)).build();
    return new Sampler(client, with, Clock.systemUTC());
  }

  private Registry registry() {
    return new HttpRegistry(URI.create(registry.url()), "registry-token", Duration.ofSeconds(2));
  }

  @Test
  void aCompleteSampleHasEveryPageTheBalanceAndTheCharges() {
    list.set(request -> request.query() != null && request.query().contains("after_token")
        ? Reply.json(200, "{\"instances\":[" + ROW.formatted(2) + "],\"next_token\":null}")
        : Reply.json(200, "{\"instances\":[" + ROW.formatted(1) + "],\"next_token\":\"page2\"}"));

    SampleOutcome outcome = sampler(registry()).sample(false);

    assertThat(outcome).isInstanceOfSatisfying(SampleOutcome.Taken.class, taken -> {
      assertThat(taken.sample().instances()).extracting(i -> i.id()).containsExactly(1L, 2L);
      assertThat(taken.sample().balance()).isEqualTo(42.5);
      assertThat(taken.sample().charges()).hasSize(1);
      assertThat(taken.sample().registry()).isEmpty();
    });
  }

  @Test
  void anEmptyListWhereInstancesWereIsAnError() {
    listAnswers(Reply.json(200, "{\"instances\":[]}"));

    assertThat(sampler(registry()).sample(true)).isInstanceOfSatisfying(SampleOutcome.Skipped.class,
        skipped -> assertThat(skipped.failure().reason()).isEqualTo(SampleFailure.Reason.EMPTY));
    assertThat(sampler(registry()).sample(false)).as("an account that had none may have none").isInstanceOf(SampleOutcome.Taken.class);
  }

  @Test
  void anEmptyListWhileTheRegistryHasEntriesIsAnError() {
    listAnswers(Reply.json(200, "{\"instances\":[]}"));
    entries.set(request -> Reply.json(200, "{\"instances\":[{\"instance_id\":9}],\"count\":1,\"index\":3}"));

    assertThat(sampler(registry()).sample(false)).isInstanceOfSatisfying(SampleOutcome.Skipped.class,
        skipped -> assertThat(skipped.failure().reason()).isEqualTo(SampleFailure.Reason.EMPTY));
  }

  @Test
  void anEmptyBodyHtmlOrAWrongShapeIsMalformed() {
    for (Reply broken : new Reply[] {Reply.text(200, "application/json", ""), Reply.text(200, "text/html", "<html>oops</html>"),
        Reply.json(200, "{\"instances\":{}}"), Reply.json(200, "{\"instances\":[{\"id\":\"x\"}]}")}) {
      listAnswers(broken);
      assertThat(sampler(registry()).sample(false)).isInstanceOfSatisfying(SampleOutcome.Skipped.class,
          skipped -> assertThat(skipped.failure().reason()).isEqualTo(SampleFailure.Reason.MALFORMED));
    }
  }

  @Test
  void aServerErrorAfterTheRetriesIsAnApiFailure() {
    listAnswers(Reply.text(502, "text/html", "<html>bad gateway</html>"));

    assertThat(sampler(registry()).sample(false)).isInstanceOfSatisfying(SampleOutcome.Skipped.class,
        skipped -> assertThat(skipped.failure().reason()).isEqualTo(SampleFailure.Reason.API));
  }

  @Test
  void aRefusedKeyIsReportedWithoutTheKey(CapturedOutput output) {
    listAnswers(Reply.json(401, "{\"success\":false,\"error\":\"auth_error\",\"msg\":\"Invalid user key\"}"));

    SampleOutcome outcome = sampler(registry()).sample(false);

    assertThat(outcome).isInstanceOfSatisfying(SampleOutcome.Skipped.class, skipped -> {
      assertThat(skipped.failure().reason()).isEqualTo(SampleFailure.Reason.AUTHENTICATION);
      assertThat(skipped.failure().message()).doesNotContain(KEY);
    });
    assertThat(output.getAll()).contains("sample skipped").doesNotContain(KEY);
  }

  @Test
  void anUnreadableRegistryLeavesTheSampleWithoutARegistry() {
    entries.set(request -> Reply.status(503));

    assertThat(sampler(registry()).sample(false)).isInstanceOfSatisfying(SampleOutcome.Taken.class,
        taken -> assertThat(taken.sample().registry()).isNull());
  }

  @Test
  void aFailedBalanceOrChargesAnswerSkipsTheSample() {
    charges.set(request -> Reply.text(200, "text/html", "<html></html>"));

    assertThat(sampler(Registry.NONE).sample(false)).isInstanceOfSatisfying(SampleOutcome.Skipped.class,
        skipped -> assertThat(skipped.failure().source()).isEqualTo(SampleFailure.Source.CHARGES));
  }
}
