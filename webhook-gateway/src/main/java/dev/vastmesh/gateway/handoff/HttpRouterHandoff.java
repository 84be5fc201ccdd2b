package dev.vastmesh.gateway.handoff;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.gateway.config.GatewayProperties;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityTemplate;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

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
 * <p>One sender thread does blocking I/O on a kept-alive connection: with the JDK's HttpClient
 * every batch went through its selector and executor threads, which cost the gateway a third of
 * its verified throughput, and a second sender halved the batches, so each webhook paid for
 * twice the router requests (docs/performance-log/webhook-gateway.md). A batch holds at most {@value #MAX_BATCH}
 * events and {@value #MAX_BATCH_BYTES} bytes (a single larger event travels alone), so one slow
 * router answer never holds more than that. No retries: a batch the router may have taken is not
 * sent twice by the client; the webhook's sender retries on the 503 instead.
 *
 * <p>Callers wait without a timer: the sender settles every event, answered within the router
 * timeout or failed once it has waited that long in the queue.
 */
public final class HttpRouterHandoff implements EventHandoff, AutoCloseable {

  static final int MAX_BATCH = 256;
  static final int MAX_BATCH_BYTES = 1 << 20;

  /** @param deadline the time (on the hand-off's nano clock) after which the event is failed instead of sent */
  private record Pending(byte[] json, long deadline, CompletableFuture<Void> done) {
  }

  private static final ContentType SINGLE = ContentType.create("application/cloudevents+json");
  private static final ContentType BATCH = ContentType.create("application/cloudevents-batch+json");

  private final LongSupplier nanoTime;
  private final GatewayProperties.Router router;
  private final @Nullable String authorization;
  private final URI target;
  private final CloseableHttpClient http;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
  private final Thread sender;
  private volatile boolean running = true;

  public HttpRouterHandoff(GatewayProperties.Router router) {
    this(router, System::nanoTime);
  }

  /** @param nanoTime the time deadlines are kept in (tests move it by hand) */
  HttpRouterHandoff(GatewayProperties.Router router, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.router = router;
    this.authorization = router.token() == null ? null : "Bearer " + router.token();
    this.target = router.url().resolve("/api/v1/events");
    Timeout timeout = Timeout.of(router.timeout());
    this.http = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(1).setMaxConnPerRoute(1)
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout).setSocketTimeout(timeout)
                .setValidateAfterInactivity(Timeout.ofSeconds(2)).build())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
        .disableAutomaticRetries().disableRedirectHandling().disableContentCompression().disableCookieManagement().build();
    this.sender = Thread.ofPlatform().daemon().name("router-handoff").start(this::send);
  }

  @Override
  public void handOff(EventEnvelope event, byte[] json) throws HandoffException {
    Pending pending = new Pending(json, nanoTime.getAsLong() + router.timeout().toNanos(), new CompletableFuture<>());
    if (!running || !queue.offer(pending)) {
      throw new HandoffException(running ? "too many events waiting for the event router" : "the gateway is shutting down");
    }
    if (!running && queue.remove(pending)) {
      // Offered while close() was emptying the queue: nobody else will settle it.
      throw new HandoffException("the gateway is shutting down");
    }
    // An untimed wait: the sender settles every pending event — sent and answered within the
    // router timeout, or failed once its deadline has passed. A timed wait on a virtual thread
    // schedules and cancels a timer per webhook, a twentieth of the verified path's CPU.
    try {
      pending.done().get();
    } catch (ExecutionException e) {
      throw new HandoffException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HandoffException("interrupted while handing off", e);
    }
  }

  private void send() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    Pending next = null;
    while (running) {
      try {
        Pending first = next != null ? next : queue.poll(200, TimeUnit.MILLISECONDS);
        next = null;
        if (first == null) {
          continue;
        }
        batch.add(first);
        long bytes = first.json().length;
        while (batch.size() < MAX_BATCH) {
          Pending more = queue.poll();
          if (more == null) {
            break;
          }
          if (bytes + more.json().length > MAX_BATCH_BYTES) {
            next = more;
            break;
          }
          batch.add(more);
          bytes += more.json().length;
        }
        failOverdue(batch);
        if (!batch.isEmpty()) {
          try {
            post(batch);
            batch.forEach(p -> p.done().complete(null));
          } catch (HandoffException e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
          }
        }
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Throwable e) {
        // Whatever went wrong, no caller may be left waiting on this batch.
        batch.forEach(p -> p.done().completeExceptionally(e));
        batch.clear();
      }
    }
    if (next != null) {
      batch.add(next);
    }
    failAll(batch);
  }

  /**
   * Events that waited past their deadline while the router was slow are failed rather than
   * sent: their callers answer 503 and the senders retry, instead of waiting on a backlog.
   */
  private void failOverdue(List<Pending> batch) {
    long now = nanoTime.getAsLong();
    batch.removeIf(p -> now - p.deadline() > 0
        && p.done().completeExceptionally(new HandoffException("event router did not answer in time")));
  }

  private void failAll(List<Pending> batch) {
    HandoffException stopped = new HandoffException("the gateway is shutting down");
    batch.forEach(p -> p.done().completeExceptionally(stopped));
    batch.clear();
    for (Pending p; (p = queue.poll()) != null; ) {
      p.done().completeExceptionally(stopped);
    }
  }

  private void post(List<Pending> batch) throws HandoffException {
    HttpPost request = new HttpPost(target);
    if (batch.size() == 1) {
      request.setEntity(new ByteArrayEntity(batch.getFirst().json(), SINGLE));
    } else {
      // Written event by event into the connection's buffer rather than joined first: one
      // copy less per event, and the batch leaves in as few writes as the buffer allows.
      long length = batch.size() + 1;
      for (Pending pending : batch) {
        length += pending.json().length;
      }
      request.setEntity(new EntityTemplate(length, BATCH, null, out -> {
        for (int i = 0; i < batch.size(); i++) {
          out.write(i == 0 ? '[' : ',');
          out.write(batch.get(i).json());
        }
        out.write(']');
      }));
    }
    if (authorization != null) {
      request.setHeader("Authorization", authorization);
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

  /** Accepted events waiting for the sender (a gauge: a growing backlog means a slow router). */
  public int waiting() {
    return queue.size();
  }

  @Override
  public String mode() {
    return "http";
  }

  @Override
  public void close() {
    running = false;
    sender.interrupt();
    try {
      sender.join(router.timeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failAll(new ArrayList<>());
    try {
      http.close();
    } catch (IOException e) {
      // Closing the pool's connections: nothing left to hand off.
    }
  }
}
