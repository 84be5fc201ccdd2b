package dev.vastmesh.gateway.handoff;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.gateway.config.GatewayProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The embedded hand-off: {@code POST {router}/api/v1/events}; a 2xx is the router's acknowledgement. */
public final class HttpRouterHandoff implements EventHandoff {

  private final GatewayProperties.Router router;
  private final URI target;
  private final HttpClient http;

  public HttpRouterHandoff(GatewayProperties.Router router) {
    this.router = router;
    this.target = router.url().resolve("/api/v1/events");
    this.http = HttpClient.newBuilder().connectTimeout(router.timeout()).build();
  }

  @Override
  public void handOff(EventEnvelope event, byte[] json) throws HandoffException {
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(router.timeout())
        .header("Content-Type", "application/cloudevents+json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    if (router.token() != null) {
      request.header("Authorization", "Bearer " + router.token());
    }
    HttpResponse<Void> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new HandoffException("event router unreachable: " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HandoffException("interrupted while handing off", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new HandoffException("event router answered HTTP " + response.statusCode());
    }
  }

  @Override
  public String mode() {
    return "http";
  }
}
