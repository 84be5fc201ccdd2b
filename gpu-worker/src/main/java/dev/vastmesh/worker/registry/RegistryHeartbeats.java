package dev.vastmesh.worker.registry;

import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.lifecycle.WorkerState;
import dev.vastmesh.worker.serving.Admission;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps this worker in the vastmesh registry: registers once the model is loaded, benchmarked and
 * healthy (the worker's first READY), with its instance
 * id, worker URL, GPU, capabilities from the handlers' routes, cost per hour), heartbeats every
 * TTL/3 with its load and health (ready, degraded, or unhealthy once errored — reported at
 * once, so the registry can tell the control plane), registers again when a heartbeat answers 404 (its registration expired),
 * and deregisters on shutdown. Registry failures never stop the worker: they are logged and the
 * next tick tries again.
 */
@Component
public class RegistryHeartbeats implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RegistryHeartbeats.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WorkerProperties properties;
  private final WorkerProperties.Registry config;
  private final Admission admission;
  private final WorkerState state;
  private final HttpClient http;
  private @Nullable ScheduledExecutorService ticker;
  private volatile @Nullable String instanceToken;
  private volatile boolean running;
  private final long instanceId;
  private boolean heartbeating;

  RegistryHeartbeats(WorkerProperties properties, Admission admission, WorkerState state, HttpClient http) {
    this.http = http;
    this.state = state;
    this.properties = properties;
    this.config = properties.registry();
    this.instanceId = properties.instanceId();
    this.admission = admission;
  }

  @Override
  public void start() {
    running = true;
    if (config.url() == null || instanceId <= 0) {
      log.info("no registry configured (vastmesh.worker.registry.url and instance-id): not registering");
      return;
    }
    ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("registry-heartbeat").daemon().factory());
    state.onChange(change -> {
      if (change.from() == WorkerState.Phase.LOADING && change.to() == WorkerState.Phase.READY) {
        startHeartbeats();
      } else if (instanceToken != null && !ticker.isShutdown()) {
        ticker.execute(this::tick);
      }
    });
    if (state.phase() == WorkerState.Phase.READY) {
      startHeartbeats();
    } else {
      log.info("registering in the registry once the model is loaded");
    }
  }

  private synchronized void startHeartbeats() {
    if (heartbeating || ticker == null || ticker.isShutdown()) {
      return;
    }
    heartbeating = true;
    long period = Math.max(1, config.ttl().toMillis() / 3);
    ticker.scheduleWithFixedDelay(this::tick, 0, period, TimeUnit.MILLISECONDS);
  }

  private String health() {
    return switch (state.phase()) {
      case READY, LOADING -> "ready";
      case DEGRADED -> "degraded";
      case ERRORED -> "unhealthy";
    };
  }

  private void tick() {
    try {
      if (instanceToken == null) {
        register();
      } else {
        heartbeat();
      }
    } catch (IOException e) {
      log.warn("registry unreachable: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("registry call failed: {}", e.toString());
    }
  }

  void register() throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instance_id", instanceId);
    body.put("status", health());
    body.put("capabilities", capabilities());
    body.put("ttl_seconds", Math.max(1, (config.ttl().toMillis() + 999) / 1000));
    putIfSet(body, "worker_url", properties.vast().publicUrl() == null ? null : properties.vast().publicUrl().toString());
    putIfSet(body, "environment", config.environment());
    putIfSet(body, "gpu_type", config.gpuType());
    putIfSet(body, "gpu_name", config.gpuName());
    putIfSet(body, "cost_per_hour", config.costPerHour());
    HttpResponse<String> response = send("POST", "/api/v1/vastai/registry/register", config.token(), JSON.writeValueAsString(body));
    if (response.statusCode() / 100 != 2) {
      log.warn("registration refused: HTTP {}", response.statusCode());
      return;
    }
    JsonNode answer = JSON.readTree(response.body());
    instanceToken = answer.path("instance_token").asString(null);
    log.info("registered instance {} in the registry", instanceId);
  }

  void heartbeat() throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", health());
    body.put("cur_load", admission.currentLoad());
    body.put("max_perf", admission.maxPerf());
    HttpResponse<String> response = send("POST", "/api/v1/vastai/registry/" + instanceId + "/heartbeat", instanceToken,
        JSON.writeValueAsString(body));
    if (response.statusCode() == 404 || response.statusCode() == 401) {
      // The registration expired (or the registry restarted): Eureka's rule, register again.
      log.info("registry no longer knows instance {} (HTTP {}); registering again", instanceId, response.statusCode());
      instanceToken = null;
      register();
    } else if (response.statusCode() / 100 != 2) {
      log.warn("heartbeat refused: HTTP {}", response.statusCode());
    }
  }

  /** What the worker serves, from its routes: {@code /v1/embeddings} → {@code embeddings}. */
  List<String> capabilities() {
    List<String> capabilities = new ArrayList<>();
    for (WorkerProperties.Handler handler : properties.handlers()) {
      String route = handler.route();
      String last = route.substring(route.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
      if (!last.isEmpty() && last.matches("[a-z0-9].*") && !capabilities.contains(last)) {
        capabilities.add(last.length() > 64 ? last.substring(0, 64) : last);
      }
    }
    return capabilities;
  }

  private HttpResponse<String> send(String method, String path, @Nullable String token, @Nullable String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.url().toString().replaceAll("/$", "") + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void putIfSet(Map<String, Object> body, String name, @Nullable Object value) {
    if (value != null && !(value instanceof String s && s.isBlank())) {
      body.put(name, value);
    }
  }

  @Override
  public void stop() {
    running = false;
    if (ticker != null) {
      ticker.shutdownNow();
    }
    String token = instanceToken;
    if (token != null) {
      try {
        send("DELETE", "/api/v1/vastai/registry/" + instanceId, token, null);
        log.info("deregistered instance {}", instanceId);
      } catch (IOException e) {
        log.warn("could not deregister: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
