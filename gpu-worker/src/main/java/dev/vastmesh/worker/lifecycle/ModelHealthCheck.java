package dev.vastmesh.worker.lifecycle;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One {@code GET} of the model server's health endpoint, classified. */
public final class ModelHealthCheck {

  /** What a probe found. */
  public sealed interface Probe {
  }

  /** HTTP 200 within the time limit; {@code slow} when it took longer than the degraded threshold. */
  public record Healthy(Duration took, boolean slow) implements Probe {
  }

  /** Not 200, or no answer: {@code reason} says which (no body, no secrets). */
  public record Unhealthy(String reason) implements Probe {
  }

  private final HttpClient http;
  private final URI url;
  private final Duration timeout;
  private final Duration degradedAfter;

  public ModelHealthCheck(HttpClient http, URI url, Duration timeout, Duration degradedAfter) {
    this.http = http;
    this.url = url;
    this.timeout = timeout;
    this.degradedAfter = degradedAfter;
  }

  public Probe probe() throws InterruptedException {
    long started = System.nanoTime();
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      return response.statusCode() == 200 ? new Healthy(took, took.compareTo(degradedAfter) > 0)
          : new Unhealthy("model health check " + url.getPath() + " answered HTTP " + response.statusCode());
    } catch (IOException e) {
      return new Unhealthy("model health check " + url.getPath() + " failed: " + e.getClass().getSimpleName());
    }
  }

  public URI url() {
    return url;
  }
}
