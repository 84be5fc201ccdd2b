package dev.vastmesh.gateway.handoff;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.gateway.config.GatewayProperties;
import dev.vastmesh.transport.HttpEventSender;
import dev.vastmesh.transport.SendResult;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * The embedded hand-off: event-transport's batching {@link HttpEventSender} to the router's
 * ingest; the router's 2xx is its acknowledgement, and only then does the webhook get its 202.
 * No retries: a batch the router may have taken is not sent twice; the webhook's sender retries
 * on the 503 instead.
 */
public final class HttpRouterHandoff implements EventHandoff, AutoCloseable {

  static final int MAX_BATCH_BYTES = HttpEventSender.MAX_BATCH_BYTES;

  private final HttpEventSender sender;

  public HttpRouterHandoff(GatewayProperties.Router router) {
    this(router, System::nanoTime);
  }

  /** @param nanoTime the time deadlines are kept in (tests move it by hand) */
  HttpRouterHandoff(GatewayProperties.Router router, LongSupplier nanoTime) {
    this.sender = new HttpEventSender(router.url().resolve("/api/v1/events"), "event router", router.token(), null,
        router.timeout(), Clock.systemUTC(), nanoTime);
  }

  @Override
  public void handOff(EventEnvelope event, byte[] json) throws HandoffException {
    SendResult result;
    try {
      result = sender.send(event, json);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HandoffException("interrupted while handing off", e);
    }
    if (result != SendResult.DELIVERED) {
      throw Handoffs.failure(result);
    }
  }

  /** Accepted events waiting for the sender (a gauge: a growing backlog means a slow router). */
  public int waiting() {
    return sender.waiting();
  }

  @Override
  public String mode() {
    return sender.mode();
  }

  @Override
  public void close() {
    sender.close();
  }
}
