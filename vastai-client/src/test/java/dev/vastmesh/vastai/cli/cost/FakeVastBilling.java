package dev.vastmesh.vastai.cli.cost;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Vast's billing and offer endpoints as the reference documents them: charges pages keyed by
 * {@code after_token} (the first page under no token), the v1 instance list, offer search, and
 * bearer auth (no key 403, a key that is no account's 404 {@code auth_error}).
 */
final class FakeVastBilling extends Dispatcher {

  static final String KEY = "cost-test-key-7f3a";

  /** Charges pages: the key is the {@code after_token} that asks for the page, "" for the first. */
  final Map<String, MockResponse> chargesPages = new ConcurrentHashMap<>();
  volatile String instancesJson = "{\"success\":true,\"instances_found\":0,\"total_instances\":0,\"next_token\":null,\"instances\":[]}";
  volatile MockResponse offers = json(200, "{\"offers\":[]}");
  final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.add(request);
    String auth = request.getHeaders().get("Authorization");
    if (auth == null) {
      return json(403, "{\"success\":false,\"error\":\"auth_error\",\"msg\":\"This action requires login.\"}");
    }
    if (!auth.equals("Bearer " + KEY)) {
      return json(404, "{\"success\":false,\"error\":\"auth_error\",\"msg\":\"Invalid user key\"}");
    }
    String path = request.getUrl().encodedPath();
    return switch (path) {
      case "/api/v0/charges/" -> {
        String token = request.getUrl().queryParameter("after_token");
        MockResponse page = chargesPages.get(token == null ? "" : token);
        yield page != null ? page : json(400, "{\"error\":\"invalid_token\",\"msg\":\"Invalid pagination token\"}");
      }
      case "/api/v1/instances/" -> json(200, instancesJson);
      case "/api/v0/bundles/" -> offers;
      default -> json(404, "{\"msg\":\"no such endpoint\"}");
    };
  }

  List<RecordedRequest> requestsTo(String path) {
    return requests.stream().filter(r -> r.getUrl().encodedPath().equals(path)).toList();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  /** A charges page in the documented shape. */
  static MockResponse chargesPage(String nextToken, String... lines) {
    return json(200, "{\"success\":true,\"count\":" + lines.length + ",\"total\":" + lines.length + ",\"next_token\":"
        + (nextToken == null ? "null" : "\"" + nextToken + "\"") + ",\"results\":[" + String.join(",", lines) + "]}");
  }

  /**
   * One instance's charge line as the reference's example has it: gpu, disk, bwd and bwu items
   * summing to the amount; {@code label} null leaves it out of the metadata.
   */
  static String line(long instance, String label, double gpu, double disk, double bwd, double bwu) {
    double amount = Math.round((gpu + disk + bwd + bwu) * 1000) / 1000.0;
    return "{\"start\":1767225600,\"end\":1767571200,\"type\":\"instance\",\"source\":\"instance-" + instance + "\","
        + "\"description\":\"Instance " + instance + " Charges - 4 days\",\"amount\":" + amount + ","
        + "\"metadata\":{" + (label == null ? "" : "\"label\":\"" + label + "\"") + "},\"items\":["
        + item("gpu", "96.000 hours at $0.389/hour", gpu) + "," + item("disk", "storage", disk) + ","
        + item("bwd", "download", bwd) + "," + item("bwu", "upload", bwu) + "]}";
  }

  private static String item(String type, String description, double amount) {
    return "{\"start\":1767225600,\"end\":1767571200,\"type\":\"" + type + "\",\"source\":null,\"description\":\"" + description
        + "\",\"amount\":" + amount + "}";
  }
}
