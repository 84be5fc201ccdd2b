package dev.vastmesh.gateway.support;

import dev.vastmesh.testsupport.FakeHttpServer;
import dev.vastmesh.testsupport.FakeHttpServer.Reply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP server standing in for the event router: records events, can be switched down. */
public final class FakeRouter implements AutoCloseable {

  /** One request the router received. */
  public record Received(String authorization, String contentType, String body) {
  }

  private final FakeHttpServer server = FakeHttpServer.start();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int status = 202;
  private volatile long delayMillis;
  private final AtomicInteger started = new AtomicInteger();

  public FakeRouter() {
    server.on("/api/v1/events", request -> {
      started.incrementAndGet();
      if (delayMillis > 0) {
        // A slow router, so that concurrent hand-offs pile up into batches behind it.
        Thread.sleep(delayMillis);
      }
      int answer = status;
      if (answer / 100 == 2) {
        received.add(new Received(request.header("Authorization"), request.header("Content-Type"), request.text()));
      }
      return Reply.status(answer);
    });
  }

  public String url() {
    return server.url();
  }

  /** Answer every event with this status from now on (e.g. 503 to simulate an outage). */
  public void answer(int status) {
    this.status = status;
  }

  /** Take this long to answer (so concurrent hand-offs pile up into batches). */
  public void delay(java.time.Duration delay) {
    this.delayMillis = delay.toMillis();
  }

  /** Requests that reached the router, answered or not yet. */
  public int started() {
    return started.get();
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public void clear() {
    received.clear();
  }

  @Override
  public void close() {
    server.close();
  }
}
