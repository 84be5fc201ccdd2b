package dev.vastmesh.worker.support;

import dev.vastmesh.testsupport.FakeHttpServer;
import dev.vastmesh.testsupport.FakeHttpServer.Reply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * registry-service's contract for tests: records every call as {@code METHOD path bearer body};
 * registration answers 201 with a numbered instance token; heartbeat number {@code expireAt}
 * answers 404, as when the registration expired.
 */
public final class RegistryDouble implements AutoCloseable {

  private final FakeHttpServer server = FakeHttpServer.start();
  public final List<String> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger heartbeats = new AtomicInteger();
  private final AtomicInteger registrations = new AtomicInteger();

  /** @param expireAt the heartbeat (1-based) that finds the registration gone; 0 for never */
  public RegistryDouble(int expireAt) {
    server.on("/api/v1/vastai/registry/", request -> {
      String path = request.path();
      calls.add(request.method() + " " + path + " " + request.header("Authorization") + " " + request.text());
      if (path.endsWith("/register")) {
        return Reply.json(201, "{\"instance\":{},\"instance_token\":\"vmi_token" + registrations.incrementAndGet() + "\"}");
      }
      if (path.endsWith("/heartbeat")) {
        return Reply.json(heartbeats.incrementAndGet() == expireAt ? 404 : 200, "{}");
      }
      return request.method().equals("DELETE") ? Reply.status(204) : Reply.json(200, "{}");
    });
  }

  public String url() {
    return server.url();
  }

  public long count(String fragment) {
    return calls.stream().filter(c -> c.contains(fragment)).count();
  }

  @Override
  public void close() {
    server.close();
  }
}
