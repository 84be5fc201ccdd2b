package dev.vastmesh.vastai.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Spaces calls per endpoint by Vast's documented thresholds, so many pollers sharing one client
 * queue here instead of tripping Vast's 429s (and its penalties). Each endpoint keeps the time of
 * its next free slot; a caller takes the slot and waits for it.
 */
public final class EndpointRateLimiter implements Interceptor {

  /** The endpoint classes with their own limits. */
  public enum Endpoint { SEARCH, CREATE, LIST, SHOW, DESTROY, MODIFY, REBOOT, ACCOUNT, CHARGES, INVOICES, OTHER }

  private final Map<Endpoint, Duration> spacing;
  private final Map<Endpoint, Long> nextSlot = new ConcurrentHashMap<>();

  public EndpointRateLimiter(Map<Endpoint, Duration> spacing) {
    this.spacing = Map.copyOf(spacing);
  }

  /**
   * The documented thresholds: search 10/min, create 4.5 s, list 1 s, show 2 s, destroy 3 s,
   * start/stop/label 1 s, charges 1 s, invoices 3 s.
   */
  public static Map<Endpoint, Duration> documented() {
    return Map.ofEntries(Map.entry(Endpoint.SEARCH, Duration.ofSeconds(6)), Map.entry(Endpoint.CREATE, Duration.ofMillis(4500)),
        Map.entry(Endpoint.LIST, Duration.ofSeconds(1)), Map.entry(Endpoint.SHOW, Duration.ofSeconds(2)),
        Map.entry(Endpoint.DESTROY, Duration.ofSeconds(3)), Map.entry(Endpoint.MODIFY, Duration.ofSeconds(1)),
        Map.entry(Endpoint.REBOOT, Duration.ofSeconds(1)), Map.entry(Endpoint.ACCOUNT, Duration.ofSeconds(1)),
        Map.entry(Endpoint.CHARGES, Duration.ofSeconds(1)), Map.entry(Endpoint.INVOICES, Duration.ofSeconds(3)));
  }

  public static Endpoint classify(Request request) {
    String path = request.url().encodedPath();
    String method = request.method();
    if (path.startsWith("/api/v0/bundles") || path.startsWith("/api/v0/search/asks")) {
      return Endpoint.SEARCH;
    }
    if (path.startsWith("/api/v0/asks/")) {
      return Endpoint.CREATE;
    }
    if (path.startsWith("/api/v1/instances")) {
      return Endpoint.LIST;
    }
    if (path.startsWith("/api/v0/instances/reboot/")) {
      return Endpoint.REBOOT;
    }
    if (path.startsWith("/api/v0/instances/")) {
      return switch (method) {
        case "DELETE" -> Endpoint.DESTROY;
        case "PUT" -> Endpoint.MODIFY;
        default -> Endpoint.SHOW;
      };
    }
    if (path.startsWith("/api/v0/charges")) {
      return Endpoint.CHARGES;
    }
    if (path.startsWith("/api/v1/invoices")) {
      return Endpoint.INVOICES;
    }
    if (path.startsWith("/api/v0/users/")) {
      return Endpoint.ACCOUNT;
    }
    return Endpoint.OTHER;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Endpoint endpoint = classify(chain.request());
    Duration gap = spacing.get(endpoint);
    if (gap != null && !gap.isZero()) {
      long now = System.nanoTime();
      long slot = nextSlot.merge(endpoint, now + gap.toNanos(), (previous, candidate) -> Math.max(previous, now) + gap.toNanos())
          - gap.toNanos();
      long wait = slot - now;
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the rate limit");
        }
      }
    }
    return chain.proceed(chain.request());
  }
}
