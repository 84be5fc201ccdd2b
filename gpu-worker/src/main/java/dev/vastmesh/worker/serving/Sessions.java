package dev.vastmesh.worker.serving;

import dev.vastmesh.worker.config.WorkerProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vast's sessions: a client opens one with a lifetime, each request in it extends it by that
 * lifetime, and it ends when the client ends it or it expires (swept every
 * {@code sweepInterval}). On close, the session's {@code on_close_route} on the model server is
 * called with its {@code on_close_payload}, best effort. Beyond {@code maxSessions} open sessions,
 * a new one is refused. Session ids are random UUIDs: holding one is what lets a client use it.
 */
@Component
public class Sessions implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Sessions.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** An open session. */
  public record Session(String id, Duration lifetime, Instant createdAt, Instant expiresAt, @Nullable String onCloseRoute,
      @Nullable JsonNode onClosePayload) {

    Session extended(Instant now) {
      Instant next = now.plus(lifetime);
      return next.isAfter(expiresAt) ? new Session(id, lifetime, createdAt, next, onCloseRoute, onClosePayload) : this;
    }
  }

  private final ConcurrentHashMap<String, Session> open = new ConcurrentHashMap<>();
  private final WorkerProperties properties;
  private final Clock clock;
  private final ModelServer modelServer;
  private @Nullable ScheduledExecutorService sweeper;
  private volatile boolean running;

  Sessions(WorkerProperties properties, ModelServer modelServer, Clock clock) {
    this.modelServer = modelServer;
    this.properties = properties;
    this.clock = clock;
  }

  /** Opens a session; empty when {@code maxSessions} are already open. */
  synchronized Optional<Session> create(Duration lifetime, @Nullable String onCloseRoute, @Nullable JsonNode onClosePayload) {
    if (open.size() >= properties.sessions().maxSessions()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Session session = new Session(UUID.randomUUID().toString(), lifetime, now, now.plus(lifetime), onCloseRoute, onClosePayload);
    open.put(session.id(), session);
    log.info("session {} opened for {} s", session.id(), lifetime.toSeconds());
    return Optional.of(session);
  }

  /** A request in the session: extends it; empty when it is unknown or expired. */
  Optional<Session> use(String id) {
    Instant now = clock.instant();
    Session session = open.computeIfPresent(id, (key, current) -> current.expiresAt().isAfter(now) ? current.extended(now) : current);
    return session == null || !session.expiresAt().isAfter(now) ? Optional.empty() : Optional.of(session);
  }

  Optional<Session> get(String id) {
    Session session = open.get(id);
    return session == null || !session.expiresAt().isAfter(clock.instant()) ? Optional.empty() : Optional.of(session);
  }

  /** Ends the session and calls its close route; empty when it was not open. */
  Optional<Session> end(String id) {
    Session session = open.remove(id);
    if (session != null) {
      close(session, "ended");
    }
    return Optional.ofNullable(session);
  }

  /** The ids of the open sessions. */
  java.util.Set<String> ids() {
    return java.util.Set.copyOf(open.keySet());
  }

  int size() {
    return open.size();
  }

  /** Closes every expired session. */
  void sweep() {
    Instant now = clock.instant();
    List<Session> expired = new ArrayList<>();
    open.values().removeIf(session -> {
      boolean over = !session.expiresAt().isAfter(now);
      if (over) {
        expired.add(session);
      }
      return over;
    });
    expired.forEach(session -> close(session, "expired"));
  }

  private void close(Session session, String why) {
    log.info("session {} {}", session.id(), why);
    if (session.onCloseRoute() == null) {
      return;
    }
    byte[] body = session.onClosePayload() == null ? "{}".getBytes() : JSON.writeValueAsBytes(session.onClosePayload());
    modelServer.call(session.onCloseRoute(), body).subscribe(
        status -> log.debug("session {} close route answered HTTP {}", session.id(), status),
        failure -> log.warn("session {} close route {} failed: {}", session.id(), session.onCloseRoute(), failure.toString()));
  }

  @Override
  public void start() {
    running = true;
    sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("session-sweeper").daemon().factory());
    long every = properties.sessions().sweepInterval().toMillis();
    sweeper.scheduleWithFixedDelay(() -> {
      try {
        sweep();
      } catch (RuntimeException e) {
        log.warn("session sweep failed: {}", e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    running = false;
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
