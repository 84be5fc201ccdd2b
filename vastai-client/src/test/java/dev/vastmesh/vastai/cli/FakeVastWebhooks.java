package dev.vastmesh.vastai.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local server speaking Vast's notification-webhook management API as documented
 * (reference/vast-notification-webhooks.md §6): bearer auth, at most 4 webhooks, https only, the
 * secret only in the create and rotate-secret answers, {@code {success:false, error, msg}} errors.
 */
final class FakeVastWebhooks extends Dispatcher {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern ONE = Pattern.compile("/api/v0/webhooks/(\\d+)/(rotate-secret/|test/)?");

  final Map<Long, ObjectNode> hooks = new ConcurrentSkipListMap<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicLong nextId = new AtomicLong(40);
  private final AtomicLong secrets = new AtomicLong();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String method = request.getMethod();
    requests.add(method + " " + path);
    if (!("Bearer " + FakeVast.KEY).equals(request.getHeaders().get("Authorization"))) {
      return FakeVast.json(401, "{\"success\":false,\"error\":\"auth_error\",\"msg\":\"Invalid user key\"}");
    }
    if (path.equals("/api/v0/notification-types/") && method.equals("GET")) {
      return FakeVast.json(200, """
          {"success":true,"notification_types":[
           {"key":"client:low_credit","slug":"low_credit","context":"client","category":"transactional",
            "display_name":"Low balance notifications","default_preferences":{"email":true,"webhooks":false},"mandatory_email":false},
           {"key":"client:outbid","slug":"outbid","context":"client","topic":"instance","category":"transactional",
            "display_name":"Instance outbid","default_preferences":{"email":true,"webhooks":false},"mandatory_email":false}]}""");
    }
    if (path.equals("/api/v0/webhooks/")) {
      return switch (method) {
        case "GET" -> FakeVast.json(200, "{\"success\":true,\"webhooks\":" + list() + "}");
        case "POST" -> create(JSON.readTree(request.getBody().utf8()));
        default -> notFound();
      };
    }
    Matcher one = ONE.matcher(path);
    if (!one.matches()) {
      return notFound();
    }
    long id = Long.parseLong(one.group(1));
    ObjectNode hook = hooks.get(id);
    if (hook == null) {
      return FakeVast.json(404, "{\"success\":false,\"error\":\"not_found\",\"msg\":\"Webhook not found\"}");
    }
    String action = one.group(2) == null ? "" : one.group(2);
    return switch (method + " " + action) {
      case "PUT " -> update(hook, JSON.readTree(request.getBody().utf8()));
      case "DELETE " -> {
        hooks.remove(id);
        yield FakeVast.json(200, "{\"success\":true}");
      }
      case "POST rotate-secret/" -> FakeVast.json(200, "{\"success\":true,\"webhook\":" + withSecret(hook) + "}");
      case "POST test/" -> FakeVast.json(200, "{\"success\":true,\"msg\":\"Test webhook delivered\"}");
      default -> notFound();
    };
  }

  private MockResponse create(JsonNode body) {
    if (hooks.size() >= 4) {
      return error("Maximum of 4 webhooks per user");
    }
    String url = body.path("webhook_url").asString("");
    if (!url.startsWith("https://")) {
      return error("webhook_url must use https");
    }
    if (!body.path("event_types").isArray() || body.path("event_types").isEmpty()) {
      return error("event_types must contain at least one valid notification type");
    }
    ObjectNode hook = JSON.createObjectNode();
    long id = nextId.incrementAndGet();
    hook.put("id", id);
    hook.put("user_id", 123);
    hook.set("name", body.path("name").isString() ? body.get("name") : JSON.nullNode());
    hook.put("webhook_url", url);
    hook.set("event_types", body.get("event_types"));
    hook.put("created_at", 1772490000);
    hook.put("updated_at", 1772490000);
    hooks.put(id, hook);
    return FakeVast.json(200, "{\"success\":true,\"webhook\":" + withSecret(hook) + ",\"enabled_notification_preferences\":"
        + body.get("event_types") + "}");
  }

  private MockResponse update(ObjectNode hook, JsonNode body) {
    if (body.has("webhook_url") && !body.get("webhook_url").asString().startsWith("https://")) {
      return error("webhook_url must use https");
    }
    body.properties().forEach(e -> hook.set(e.getKey(), e.getValue()));
    return FakeVast.json(200, "{\"success\":true,\"webhook\":" + hook + ",\"enabled_notification_preferences\":[]}");
  }

  private ObjectNode withSecret(ObjectNode hook) {
    ObjectNode copy = hook.deepCopy();
    copy.put("webhook_secret", "vast-whsec-" + secrets.incrementAndGet() + "-K7q2xN9p");
    return copy;
  }

  private ArrayNode list() {
    ArrayNode list = JSON.createArrayNode();
    hooks.values().forEach(list::add);
    return list;
  }

  private static MockResponse error(String msg) {
    return FakeVast.json(400, "{\"success\":false,\"error\":\"invalid_request\",\"msg\":\"" + msg + "\"}");
  }

  private static MockResponse notFound() {
    return FakeVast.json(404, "{\"success\":false,\"error\":\"not_found\",\"msg\":\"no such endpoint\"}");
  }
}
