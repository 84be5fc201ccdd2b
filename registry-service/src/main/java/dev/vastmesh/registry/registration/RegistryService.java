package dev.vastmesh.registry.registration;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.events.payload.RentalType;
import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.registry.events.RegistryEvents;
import dev.vastmesh.registry.expiry.SelfPreservation;
import dev.vastmesh.registry.instance.Authority;
import dev.vastmesh.registry.instance.Heartbeat;
import dev.vastmesh.registry.instance.InstanceEntry;
import dev.vastmesh.registry.instance.InstancePage;
import dev.vastmesh.registry.instance.InstanceQuery;
import dev.vastmesh.registry.instance.InstanceStatus;
import dev.vastmesh.registry.instance.RegisteredInstance;
import dev.vastmesh.registry.security.InstanceTokens;
import dev.vastmesh.support.security.Tokens;
import dev.vastmesh.registry.store.Guarded;
import dev.vastmesh.registry.store.InstanceStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Register, heartbeat, deregister, read: the registry's operations, with their events. */
@Service
public class RegistryService {

  // One HELP text per metric name: Prometheus keeps one per family, whichever series registers it.
  private static final String REGISTRATIONS = "Registrations, by outcome: created, or updated in place";
  private static final String HEARTBEATS =
      "Heartbeats, by outcome: renewed, unknown (expired or never registered: answered 404), or refused (an instance token the instance does not hold: 401)";

  private final InstanceStore store;
  private final RegistryEvents events;
  private final SelfPreservation selfPreservation;
  private final Clock clock;
  private final RegistryProperties.Ttl ttl;
  private final Counter created;
  private final Counter updated;
  private final Counter heartbeatsOk;
  private final Counter heartbeatsUnknown;
  private final Counter heartbeatsRefused;
  private final Counter deregistrations;

  RegistryService(InstanceStore store, RegistryEvents events, SelfPreservation selfPreservation, Clock clock,
      RegistryProperties properties, MeterRegistry meters) {
    this.store = store;
    this.events = events;
    this.selfPreservation = selfPreservation;
    this.clock = clock;
    this.ttl = properties.ttl();
    this.created = Counter.builder("vastmesh.registry.registrations").tag("outcome", "created").description(REGISTRATIONS).register(meters);
    this.updated = Counter.builder("vastmesh.registry.registrations").tag("outcome", "updated").description(REGISTRATIONS).register(meters);
    this.heartbeatsOk = Counter.builder("vastmesh.registry.heartbeats").tag("outcome", "renewed").description(HEARTBEATS).register(meters);
    this.heartbeatsUnknown = Counter.builder("vastmesh.registry.heartbeats").tag("outcome", "unknown").description(HEARTBEATS)
        .register(meters);
    this.heartbeatsRefused = Counter.builder("vastmesh.registry.heartbeats").tag("outcome", "refused").description(HEARTBEATS)
        .register(meters);
    this.deregistrations = Counter.builder("vastmesh.registry.deregistrations")
        .description("Instances removed by a DELETE (their own token, write or admin)").register(meters);
  }

  /** The outcome of a registration; {@code created} is false for an update in place. */
  public record Registered(RegisteredInstance instance, String instanceToken, boolean created) {
  }

  /** Idempotent upsert keyed by instance id. A registration whose previous TTL ran out counts as new. */
  public Registered register(RegistrationRequest request) {
    return register(request, () -> { });
  }

  /**
   * A registration that {@code admission} must let through (e.g. by spending an enrollment
   * token), run once the request is known to be valid, right before the write: a refused or
   * invalid registration spends nothing.
   */
  public Registered register(RegistrationRequest request, Runnable admission) {
    long ttlSeconds = ttlOf(request);
    Instant now = now();
    RegisteredInstance instance = new RegisteredInstance(request.instanceId(), request.contractId(), request.tailscaleIp(),
        request.tailscaleHostname(), request.capabilities() == null ? List.of() : request.capabilities(),
        request.status() == null ? InstanceStatus.READY : InstanceStatus.fromWire(request.status()).orElseThrow(),
        request.environment(), request.triggerId(), request.gpuType(), request.gpuName(), request.costPerHour(),
        request.workerUrl(), request.numGpus(), request.machineId(), rentalType(request.offerType()),
        request.labels() == null ? Map.of() : request.labels(), ttlSeconds, now, now, now.plusSeconds(ttlSeconds),
        null, null, null, null);
    String token = InstanceTokens.issue(instance.instanceId());
    admission.run();
    InstanceStore.Upserted upserted = store.upsert(keepRegisteredAt(instance, now), Tokens.sha256(token));
    selfPreservation.renewed(now);
    boolean isNew = upserted.previous() == null || upserted.previous().instance().expiredAt(now);
    RegisteredInstance stored = upserted.current().instance();
    (isNew ? created : updated).increment();
    events.registered(stored);
    return new Registered(stored, token, isNew);
  }

  public RegisteredInstance heartbeat(long instanceId, Authority authority, HeartbeatRequest request) {
    Heartbeat heartbeat = new Heartbeat(
        request.status() == null ? null : InstanceStatus.fromWire(request.status()).orElseThrow(),
        request.curLoad(), request.maxPerf(), request.requestsWorking(), request.note());
    InstanceStore.Updated result = switch (store.heartbeat(instanceId, authority, now(), heartbeat, selfPreservation.active())) {
      case Guarded.Applied<InstanceStore.Updated> applied -> applied.value();
      case Guarded.Missing<InstanceStore.Updated> missing -> {
        heartbeatsUnknown.increment();
        throw new InstanceNotFoundException(instanceId);
      }
      case Guarded.NotHolder<InstanceStore.Updated> notHolder -> {
        heartbeatsRefused.increment();
        throw InstanceTokens.notHeld();
      }
    };
    heartbeatsOk.increment();
    selfPreservation.renewed(result.current().instance().lastHeartbeat());
    events.heartbeat(result.previous().instance(), result.current().instance());
    return result.current().instance();
  }

  public void deregister(long instanceId, Authority authority) {
    RegisteredInstance removed = switch (store.remove(instanceId, authority)) {
      case Guarded.Applied<InstanceEntry> applied -> applied.value().instance();
      case Guarded.Missing<InstanceEntry> missing -> throw new InstanceNotFoundException(instanceId);
      case Guarded.NotHolder<InstanceEntry> notHolder -> throw InstanceTokens.notHeld();
    };
    deregistrations.increment();
    events.deregistered(removed);
  }

  /** A live instance (or, while evictions are held, an expired one). */
  public RegisteredInstance get(long instanceId) {
    return store.get(instanceId).map(entry -> entry.instance())
        .filter(instance -> !instance.expiredAt(now()) || selfPreservation.active())
        .orElseThrow(() -> new InstanceNotFoundException(instanceId));
  }

  /** The store's change index: it grows with every change (watches wait for it to pass theirs). */
  public long index() {
    return store.index();
  }

  /** Waits until the index is past {@code index}, or {@code wait} ran out. */
  public void awaitChangeAfter(long index, Duration wait) throws InterruptedException {
    store.awaitIndexAbove(index, wait);
  }

  public InstancePage list(InstanceQuery query) {
    return store.list(query);
  }

  /** Registry time, to the millisecond (finer digits would be noise in every answer). */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  public boolean includeExpired() {
    return selfPreservation.active();
  }

  private long ttlOf(RegistrationRequest request) {
    if (request.ttlSeconds() == null) {
      return ttl.defaultTtl().toSeconds();
    }
    long requested = request.ttlSeconds();
    if (requested < ttl.min().toSeconds() || requested > ttl.max().toSeconds()) {
      throw Problem.invalidRequest("/ttl_seconds",
          "must be between " + ttl.min().toSeconds() + " and " + ttl.max().toSeconds());
    }
    return requested;
  }

  /** An upsert keeps the original registration time of a still-live instance. */
  private RegisteredInstance keepRegisteredAt(RegisteredInstance instance, Instant now) {
    return store.get(instance.instanceId())
        .map(entry -> entry.instance())
        .filter(previous -> !previous.expiredAt(now))
        .map(previous -> new RegisteredInstance(instance.instanceId(), instance.contractId(), instance.tailscaleIp(),
            instance.tailscaleHostname(), instance.capabilities(), instance.status(), instance.environment(),
            instance.triggerId(), instance.gpuType(), instance.gpuName(), instance.costPerHour(), instance.workerUrl(),
            instance.numGpus(), instance.machineId(), instance.offerType(), instance.labels(), instance.ttlSeconds(),
            previous.registeredAt(), now, instance.expiresAt(), previous.curLoad(), previous.maxPerf(),
            previous.requestsWorking(), previous.healthNote()))
        .orElse(instance);
  }

  private static RentalType rentalType(String wire) {
    if (wire == null) {
      return null;
    }
    return Arrays.stream(RentalType.values()).filter(t -> t.wire().equals(wire)).findFirst().orElseThrow();
  }
}
