package dev.vastmesh.transport;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.StandardWebhooks;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
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
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityTemplate;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * Sends events over HTTP: to the router's ingest ({@code POST {router}/api/v1/events} with its
 * service token, {@link #toRouter}), or to a webhook-gateway source signed the Standard Webhooks
 * way ({@link #signed}). A 2xx is the acknowledgement.
 *
 * <p>Group commit (router ingest): events sent while a request is in flight wait for the next
 * one and travel together as a CloudEvents JSON batch ({@code application/cloudevents-batch+json};
 * a lone event goes as {@code application/cloudevents+json}). Each caller still waits for the
 * answer to its own batch, so durability is unchanged, but under load one round trip acknowledges
 * many events instead of one. Signed events travel one per request: a webhook is one message.
 *
 * <p>One sender thread does blocking I/O on a kept-alive connection: with the JDK's HttpClient
 * every batch went through its selector and executor threads, which cost the gateway a third of
 * its verified throughput, and a second sender halved the batches, so each event paid for twice
 * the requests (docs/performance-log/webhook-gateway.md). A batch holds at most {@value #MAX_BATCH} events and
 * {@value #MAX_BATCH_BYTES} bytes (a single larger event travels alone), so one slow answer
 * never holds more than that. No retries here (see {@link EventSender}).
 *
 * <p>Callers wait without a timer: the sender settles every event, answered within the timeout
 * or failed once it has waited that long in the queue.
 */
public final class HttpEventSender implements EventSender {

  public static final int MAX_BATCH = 256;
  public static final int MAX_BATCH_BYTES = 1 << 20;
  private static final int MAX_WAITING = 10_000;

  /** @param deadline the time (on the sender's nano clock) after which the event is failed instead of sent */
  private record Pending(EventEnvelope event, byte[] json, long deadline, CompletableFuture<SendResult> done) {
  }

  private static final ContentType SINGLE = ContentType.create("application/cloudevents+json");
  private static final ContentType BATCH = ContentType.create("application/cloudevents-batch+json");
  private static final SendResult STOPPED = new SendResult.Retryable("the sender is shutting down");

  private final URI target;
  private final String receiver;
  private final SendResult overdue;
  private final SendResult backlog;
  private final @Nullable String authorization;
  private final @Nullable StandardWebhooks signer;
  private final int maxBatch;
  private final Duration timeout;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final CloseableHttpClient http;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(MAX_WAITING);
  private final Thread sender;
  private volatile boolean running = true;

  /**
   * @param target the URL events are POSTed to
   * @param receiver who answers, as failure reasons name it ({@code event router})
   * @param token a bearer token, or null
   * @param signer signs each event, which then travels alone; null for batches
   * @param nanoTime the time deadlines are kept in (tests move it by hand)
   */
  public HttpEventSender(URI target, String receiver, @Nullable String token, @Nullable StandardWebhooks signer, Duration timeout,
      Clock clock, LongSupplier nanoTime) {
    this.target = target;
    this.receiver = receiver;
    this.overdue = new SendResult.Retryable(receiver + " did not answer in time");
    this.backlog = new SendResult.Retryable("too many events waiting for " + receiver);
    this.authorization = token == null ? null : "Bearer " + token;
    this.signer = signer;
    this.maxBatch = signer == null ? MAX_BATCH : 1;
    this.timeout = timeout;
    this.clock = clock;
    this.nanoTime = nanoTime;
    Timeout limit = Timeout.of(timeout);
    this.http = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(1).setMaxConnPerRoute(1)
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit)
                .setValidateAfterInactivity(Timeout.ofSeconds(2)).build())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).build())
        .disableAutomaticRetries().disableRedirectHandling().disableContentCompression().disableCookieManagement().build();
    this.sender = Thread.ofPlatform().daemon().name("http-event-sender").start(this::run);
  }

  /** Batches to the router's ingest, {@code POST {router}/api/v1/events}. */
  public static HttpEventSender toRouter(URI router, @Nullable String token, Duration timeout) {
    return new HttpEventSender(router.resolve("/api/v1/events"), "event router", token, null, timeout, Clock.systemUTC(),
        System::nanoTime);
  }

  /** Signed events, one per request, to a webhook-gateway source's URL. */
  public static HttpEventSender signed(URI webhook, StandardWebhooks signer, Duration timeout) {
    return new HttpEventSender(webhook, "the gateway", null, signer, timeout, Clock.systemUTC(), System::nanoTime);
  }

  @Override
  public SendResult send(EventEnvelope event, byte[] json) throws InterruptedException {
    Pending pending = new Pending(event, json, nanoTime.getAsLong() + timeout.toNanos(), new CompletableFuture<>());
    if (!running || !queue.offer(pending)) {
      return running ? backlog : STOPPED;
    }
    if (!running && queue.remove(pending)) {
      // Offered while close() was emptying the queue: nobody else will settle it.
      return STOPPED;
    }
    // An untimed wait: the sender settles every pending event — sent and answered within the
    // timeout, or failed once its deadline has passed. A timed wait on a virtual thread
    // schedules and cancels a timer per event, a twentieth of the gateway's verified path.
    try {
      return pending.done().get();
    } catch (ExecutionException e) {
      return new SendResult.Retryable(String.valueOf(e.getCause().getMessage()), null, e.getCause());
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(maxBatch);
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
        while (batch.size() < maxBatch) {
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
          SendResult result = post(batch);
          batch.forEach(p -> p.done().complete(result));
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
   * Events that waited past their deadline while the receiver was slow are failed rather than
   * sent: their callers give up or retry, instead of waiting on a backlog.
   */
  private void failOverdue(List<Pending> batch) {
    long now = nanoTime.getAsLong();
    batch.removeIf(p -> now - p.deadline() > 0 && p.done().complete(overdue));
  }

  private void failAll(List<Pending> batch) {
    batch.forEach(p -> p.done().complete(STOPPED));
    batch.clear();
    for (Pending p; (p = queue.poll()) != null; ) {
      p.done().complete(STOPPED);
    }
  }

  private SendResult post(List<Pending> batch) {
    HttpPost request = new HttpPost(target);
    if (batch.size() == 1) {
      Pending only = batch.getFirst();
      request.setEntity(new ByteArrayEntity(only.json(), SINGLE));
      if (signer != null) {
        signer.headers(only.event().id(), clock.instant().getEpochSecond(), only.json()).forEach(request::setHeader);
      }
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
    try {
      return http.execute(request, response -> {
        EntityUtils.consume(response.getEntity());
        int status = response.getCode();
        if (status / 100 == 2) {
          return SendResult.DELIVERED;
        }
        Header retryAfter = response.getFirstHeader("Retry-After");
        return SendResult.ofStatus(status, receiver, retryAfter == null ? null : RetryAfter.parse(retryAfter.getValue(), clock));
      });
    } catch (IOException e) {
      return new SendResult.Retryable(receiver + " unreachable: " + e.getClass().getSimpleName(), null, e);
    }
  }

  /** Events waiting for the sender thread (a gauge: a growing backlog means a slow receiver). */
  public int waiting() {
    return queue.size();
  }

  @Override
  public String mode() {
    return "http";
  }

  /** Stops taking events, waits up to the timeout for the batch in flight, fails what still waits. */
  @Override
  public void close() {
    running = false;
    sender.interrupt();
    try {
      sender.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failAll(new ArrayList<>());
    try {
      http.close();
    } catch (IOException e) {
      // Closing the pool's connections: nothing left to send.
    }
  }
}
