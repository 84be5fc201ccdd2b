package dev.vastmesh.gateway.handoff;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.gateway.config.GatewayProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded hand-off: {@code POST {router}/api/v1/events}; a 2xx is the router's
 * acknowledgement, and only then does the webhook get its 202.
 *
 * <p>Group commit: events handed off while a request to the router is in flight wait for the
 * next one and travel together as a CloudEvents JSON batch ({@code application/cloudevents-batch+json};
 * a lone event goes as {@code application/cloudevents+json}). Each caller still waits for the
 * router's answer to its own batch, so durability is unchanged, but under load one router round
 * trip acknowledges many webhooks instead of one.
 */
public final class HttpRouterHandoff implements EventHandoff, AutoCloseable {

  private static final int MAX_BATCH = 100;
  private static final int SENDERS = 2;

  private record Pending(byte[] json, CompletableFuture<Void> done) {
  }

  private final GatewayProperties.Router router;
  private final URI target;
  private final HttpClient http;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
  private final List<Thread> senders = new ArrayList<>();
  private volatile boolean running = true;

  public HttpRouterHandoff(GatewayProperties.Router router) {
    this.router = router;
    this.target = router.url().resolve("/api/v1/events");
    this.http = HttpClient.newBuilder().connectTimeout(router.timeout()).build();
    for (int i = 0; i < SENDERS; i++) {
      senders.add(Thread.ofPlatform().daemon().name("router-handoff-" + i).start(this::send));
    }
  }

  @Override
  public void handOff(EventEnvelope event, byte[] json) throws HandoffException {
    Pending pending = new Pending(json, new CompletableFuture<>());
    if (!queue.offer(pending)) {
      throw new HandoffException("too many events waiting for the event router");
    }
    try {
      pending.done().get(router.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new HandoffException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new HandoffException("event router did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HandoffException("interrupted while handing off", e);
    }
  }

  private void send() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (running) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        try {
          post(batch);
          batch.forEach(p -> p.done().complete(null));
        } catch (HandoffException e) {
          batch.forEach(p -> p.done().completeExceptionally(e));
        }
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        batch.forEach(p -> p.done().completeExceptionally(e));
        batch.clear();
      }
    }
  }

  private void post(List<Pending> batch) throws HandoffException, InterruptedException {
    byte[] body;
    String contentType;
    if (batch.size() == 1) {
      body = batch.getFirst().json();
      contentType = "application/cloudevents+json";
    } else {
      ByteArrayOutputStream out = new ByteArrayOutputStream(batch.size() * 1024);
      out.write('[');
      for (int i = 0; i < batch.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.writeBytes(batch.get(i).json());
      }
      out.write(']');
      body = out.toByteArray();
      contentType = "application/cloudevents-batch+json";
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(router.timeout())
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (router.token() != null) {
      request.header("Authorization", "Bearer " + router.token());
    }
    HttpResponse<Void> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new HandoffException("event router unreachable: " + e.getClass().getSimpleName(), e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new HandoffException("event router answered HTTP " + response.statusCode());
    }
  }

  @Override
  public String mode() {
    return "http";
  }

  @Override
  public void close() {
    running = false;
    senders.forEach(Thread::interrupt);
  }
}
