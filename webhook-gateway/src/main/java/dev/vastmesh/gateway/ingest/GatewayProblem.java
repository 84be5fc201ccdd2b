package dev.vastmesh.gateway.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the gateway refuses, as an RFC 9457 problem: status, stable kind (the type URI's
 * last segment), a detail safe to show, and headers such as Retry-After.
 */
public final class GatewayProblem extends RuntimeException {

  private final HttpStatus status;
  private final String kind;
  private final String title;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final Map<String, Object> properties = new LinkedHashMap<>();

  public GatewayProblem(HttpStatus status, String kind, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.kind = kind;
    this.title = title;
  }

  /** 413: the body is over the source's size limit (refused before any HMAC is computed). */
  /**
   * Redis (replay cache, rate-limit buckets or stream) did not answer: the sender retries, as
   * for a failed hand-off, and nothing was accepted.
   */
  public static GatewayProblem storeUnavailable() {
    return new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Store unavailable",
        "the gateway's store (Redis) is unavailable; retry later").header("Retry-After", "5");
  }

  public static GatewayProblem payloadTooLarge(int limit) {
    return new GatewayProblem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
        "the body exceeds this source's limit of " + limit + " bytes");
  }

  public GatewayProblem header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public GatewayProblem property(String name, Object value) {
    properties.put(name, value);
    return this;
  }

  public HttpStatus status() {
    return status;
  }

  public String kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public Map<String, Object> properties() {
    return properties;
  }
}
