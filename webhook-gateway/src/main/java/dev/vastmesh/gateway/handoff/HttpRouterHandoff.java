package dev.vastmesh.gateway.handoff;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.gateway.config.GatewayProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * The embedded hand-off: {@code POST {router}/api/v1/events}; a 2xx is the router's
 * acknowledgement, and only then does the webhook get its 202.
 *
 * <p>Group commit: events handed off while a request to the router is in flight wait for the
 * next one and travel together as a CloudEvents JSON batch ({@code application/cloudevents-batch+json};
 * a lone event goes as {@code application/cloudevents+json}). Each caller still waits for the
 * router's answer to its own batch, so durability is unchanged, but under load one router round
 * trip acknowledges many webhooks instead of one.
 *
 * <p>Each sender thread does its own blocking I/O on a kept-alive connection: with the JDK's
 * HttpClient every batch went through its selector and executor threads, which cost the gateway
 * a third of its verified throughput (docs/benchmarks.md). No retries: a batch the router may
 * have taken is not sent twice by the client; the webhook's sender retries on the 503 instead.
 */
public final class HttpRouterHandoff implements EventHandoff, AutoCloseable {

  private static final int MAX_BATCH = 100;
  private static final int SENDERS = 2;

  private record Pending(byte[] json, CompletableFuture<Void> done) {
  }

  private final GatewayProperties.Router router;
  private final URI target;
  private final CloseableHttpClient http;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
  private final List<Thread> senders = new ArrayList<>();
  private volatile boolean running = true;

  public HttpRouterHandoff(GatewayProperties.Router router) {
    this.router = router;
    this.target = router.url().resolve("/api/v1/events");
    Timeout timeout = Timeout.of(router.timeout());
    this.http = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(SENDERS).setMaxConnPerRoute(SENDERS)
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout)
                .setValidateAfterInactivity(Timeout.ofSeconds(2)).build())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
        .disableAutomaticRetries().disableRedirectHandling().disableContentCompression().disableCookieManagement().build();
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

  private void post(List<Pending> batch) throws HandoffException {
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
    HttpPost request = new HttpPost(target);
    request.setEntity(new ByteArrayEntity(body, ContentType.create(contentType)));
    if (router.token() != null) {
      request.setHeader("Authorization", "Bearer " + router.token());
    }
    int status;
    try {
      status = http.execute(request, response -> {
        EntityUtils.consume(response.getEntity());
        return response.getCode();
      });
    } catch (IOException e) {
      throw new HandoffException("event router unreachable: " + e.getClass().getSimpleName(), e);
    }
    if (status / 100 != 2) {
      throw new HandoffException("event router answered HTTP " + status);
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
    try {
      http.close();
    } catch (IOException e) {
      // Closing the pool's connections: nothing left to hand off.
    }
  }
}
