package dev.vastmesh.costmonitor.support;

import dev.vastmesh.testsupport.FakeHttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The registry-service's list and deregister calls, as its contract describes them, over entries
 * a test sets; it can be made to fail.
 */
public final class FakeRegistry implements AutoCloseable {

  public static final String TOKEN = "registry-test-token";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FakeHttpServer server = FakeHttpServer.start();
  private final Map<Long, String> environments = new ConcurrentSkipListMap<>();
  private final AtomicBoolean broken = new AtomicBoolean();

  public FakeRegistry() {
    server.on("/api/v1/vastai/registry", request -> {
      if (!("Bearer " + TOKEN).equals(request.header("Authorization"))) {
        return FakeHttpServer.Reply.json(401, "{\"type\":\"https://vastmesh.dev/problems/unauthenticated\",\"title\":\"x\",\"status\":401}");
      }
      if (broken.get()) {
        return FakeHttpServer.Reply.json(503, "{\"type\":\"https://vastmesh.dev/problems/unavailable\",\"title\":\"x\",\"status\":503}");
      }
      if (request.method().equals("DELETE")) {
        long id = Long.parseLong(request.path().substring(request.path().lastIndexOf('/') + 1));
        return FakeHttpServer.Reply.status(environments.remove(id) == null ? 404 : 204);
      }
      ObjectNode page = JSON.createObjectNode();
      ArrayNode instances = page.putArray("instances");
      environments.forEach((id, environment) -> instances.addObject().put("instance_id", id).put("environment", environment)
          .put("trigger_id", "pipeline-" + id).putObject("labels"));
      page.put("count", environments.size()).put("index", 1);
      return FakeHttpServer.Reply.json(200, page.toString());
    });
  }

  public String url() {
    return server.url();
  }

  public void register(long id, String environment) {
    environments.put(id, environment);
  }

  public boolean has(long id) {
    return environments.containsKey(id);
  }

  public void broken(boolean value) {
    broken.set(value);
  }

  public List<FakeHttpServer.Request> deregistrations() {
    return server.requests().stream().filter(r -> r.method().equals("DELETE")).toList();
  }

  @Override
  public void close() {
    server.close();
  }
}
