package dev.vastmesh.simulator.config;

import dev.vastmesh.simulator.faults.FaultSpec;
import dev.vastmesh.support.security.Token;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the simulator can be told, under {@value #PREFIX}.
 *
 * @param accounts the Vast API keys it accepts, one account each; when empty, one key is
 *     generated into a file only this user can read, whose path is printed
 * @param catalogue the offers file (YAML or JSON, a Spring resource location)
 * @param images image name → the shell command that stands for the container; an image not listed
 *     runs {@code defaultCommand}
 * @param defaultCommand the command of an image not listed: the gpu-worker in front of the CPU
 *     embeddings model server of this repository
 * @param speedUp simulated time runs this many times faster than the clock (billing, dates)
 * @param publicIpaddr the {@code PUBLIC_IPADDR} of every instance (and its {@code public_ipaddr})
 * @param workDir where each instance gets a directory (its working directory and container.log)
 */
@Validated
@ConfigurationProperties(SimulatorProperties.PREFIX)
public record SimulatorProperties(
    @Valid @DefaultValue List<Account> accounts,
    @DefaultValue("classpath:offers.yml") @NotBlank String catalogue,
    @DefaultValue Map<String, String> images,
    @DefaultValue(DEFAULT_COMMAND) @NotBlank String defaultCommand,
    @DefaultValue("1.0") @DecimalMin("0.001") double speedUp,
    @DefaultValue("127.0.0.1") @NotBlank String publicIpaddr,
    @Nullable Path workDir,
    @Valid @DefaultValue Lifecycle lifecycle,
    @Valid @DefaultValue RateLimits rateLimits,
    @Valid @DefaultValue Webhooks webhooks,
    @Valid @DefaultValue Admin admin,
    @Valid @DefaultValue List<FaultSpec> faults) {

  public static final String PREFIX = "vastmesh.simulator";

  /**
   * The repository's gpu-worker in front of the CPU embeddings model server, both from their
   * built jars under {@code VASTMESH_HOME} (default: the working directory). The worker listens
   * on the mapped port itself: there is no NAT in front of a local process.
   */
  public static final String DEFAULT_COMMAND = """
      H="${VASTMESH_HOME:-$PWD}"; M=$((VAST_TCP_PORT_3000 + 1))
      java -jar "$H/examples/embeddings-model-server/target/embeddings-model-server.jar" --port=$M --log-file=model.log &
      exec java -jar "$H/gpu-worker/target/gpu-worker.jar" --server.port=$VAST_TCP_PORT_3000 \
        --vastmesh.worker.model-server=http://127.0.0.1:$M --vastmesh.worker.startup.model-log=model.log \
        --vastmesh.worker.startup.on-load='Application startup complete' --vastmesh.worker.startup.health-endpoint=/health \
        --vastmesh.worker.handlers[0].route=/v1/embeddings --vastmesh.worker.handlers[0].workload=array-length:/input \
        --vastmesh.worker.handlers[0].benchmark-payload='{"input":["a GPU worker on Vast.ai"]}'
      """;

  /**
   * One Vast account.
   *
   * @param key its API key (a secret)
   * @param credit the prepaid credit it starts with, USD
   * @param lowBalanceThreshold below this balance a {@code client:low_credit} notification is sent
   */
  public record Account(
      @NotBlank String key,
      @DefaultValue("1") @Min(1) long userId,
      @DefaultValue("sim@vast.local") @NotBlank String email,
      @DefaultValue("100.0") double credit,
      @DefaultValue("5.0") double lowBalanceThreshold) {

    @Override
    public String toString() {
      return "Account[userId=" + userId + ", email=" + email + ", key=<redacted>]";
    }
  }

  /**
   * How an instance boots. Real time, not simulated: a test waits for these.
   *
   * @param loadingMessages the {@code status_msg} of each loading step, in order
   * @param stepDelay the time each step (and the created state before them) lasts
   * @param stopGrace how long a stopped or destroyed process gets to end after SIGTERM before SIGKILL
   * @param ports the container ports every instance maps (besides {@code -p} flags in its env)
   */
  public record Lifecycle(
      @DefaultValue({"Pulling image", "Extracting image layers", "Starting container"}) List<String> loadingMessages,
      @DefaultValue("1s") @NotNull Duration stepDelay,
      @DefaultValue("5s") @NotNull Duration stopGrace,
      @DefaultValue("3000") List<Integer> ports) {
  }

  /**
   * Vast's per-endpoint minimum intervals between calls, answered with 429 when broken.
   *
   * @param enabled off by default: a local run should not be throttled unless a test asks
   * @param scale multiplies every documented interval (0.01 makes Vast's 1 s a 10 ms one for tests)
   */
  public record RateLimits(@DefaultValue("false") boolean enabled, @DefaultValue("1.0") @DecimalMin("0.0") double scale) {
  }

  /**
   * @param allowHttp Vast refuses {@code http://} URLs; a local receiver rarely has TLS
   * @param attempts delivery attempts per event (Vast does not document its number)
   * @param backoff the pause before the second attempt, doubled for each later one
   * @param timeout Vast's documented 10 s per request
   */
  public record Webhooks(
      @DefaultValue("true") boolean allowHttp,
      @DefaultValue("5") @Min(1) int attempts,
      @DefaultValue("1s") @NotNull Duration backoff,
      @DefaultValue("10s") @NotNull Duration timeout) {
  }

  /** @param tokens the admin API's bearer tokens (scope {@code admin}); one is generated (into a file) when empty */
  public record Admin(@Valid @DefaultValue List<Token> tokens) {
  }
}
