package dev.vastmesh.registry.events;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventFactory;
import dev.vastmesh.events.EventOptions;
import dev.vastmesh.events.payload.EventPayload;
import dev.vastmesh.events.payload.HealthCheck;
import dev.vastmesh.events.payload.HealthDegraded;
import dev.vastmesh.events.payload.HealthStatus;
import dev.vastmesh.events.payload.HealthUnhealthy;
import dev.vastmesh.events.payload.MeshHeartbeat;
import dev.vastmesh.events.payload.MeshRegistered;
import dev.vastmesh.events.payload.MeshUnregistered;
import dev.vastmesh.events.payload.UnregisterReason;
import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.registry.instance.RegisteredInstance;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Turns registry changes into canonical events for in-process listeners and the router. */
@Component
public class RegistryEvents {

  private static final Logger log = LoggerFactory.getLogger(RegistryEvents.class);

  private final EventFactory factory;
  private final List<RegistryEventListener> listeners;
  private final RouterPublisher router;
  private final RegistryProperties.Events config;

  RegistryEvents(EventFactory factory, List<RegistryEventListener> listeners, RouterPublisher router, RegistryProperties properties) {
    this.factory = factory;
    this.listeners = List.copyOf(listeners);
    this.router = router;
    this.config = properties.events();
  }

  public void registered(RegisteredInstance instance) {
    emit(instance, new MeshRegistered(instance.instanceId(), instance.contractId(), instance.workerUrl(),
        instance.tailscaleHostname(), instance.tailscaleIp(), instance.capabilities(), instance.gpuType(),
        instance.gpuName(), instance.numGpus(), instance.costPerHour(), instance.labels(), instance.expiresAt()));
  }

  public void deregistered(RegisteredInstance instance) {
    emit(instance, new MeshUnregistered(instance.instanceId(), UnregisterReason.DEREGISTERED, instance.lastHeartbeat()));
  }

  /** An instance's TTL ran out: it left the mesh, and it is unhealthy (it stopped answering). */
  public void expired(RegisteredInstance instance) {
    emit(instance, new MeshUnregistered(instance.instanceId(), UnregisterReason.EXPIRED, instance.lastHeartbeat()));
    emit(instance, new HealthUnhealthy(instance.instanceId(), instance.status().health(),
        "heartbeat ttl of " + instance.ttlSeconds() + "s expired", instance.lastHeartbeat()));
  }

  /** A heartbeat: maybe a mesh heartbeat event, and a health event when the health changed. */
  public void heartbeat(RegisteredInstance before, RegisteredInstance after) {
    if (switch (config.heartbeats()) {
      case OFF -> false;
      case EVERY -> true;
      case SAMPLED -> ThreadLocalRandom.current().nextDouble() < config.heartbeatSampleRate();
    }) {
      emit(after, new MeshHeartbeat(after.instanceId(), after.status().wire(), after.expiresAt(),
          after.curLoad(), after.maxPerf(), after.requestsWorking()));
    }
    HealthStatus was = before.status().health();
    HealthStatus now = after.status().health();
    if (was == now) {
      return;
    }
    String reason = after.healthNote() != null ? after.healthNote() : "status changed to " + after.status().wire();
    switch (now) {
      case DEGRADED -> emit(after, new HealthDegraded(after.instanceId(), was, reason));
      case UNHEALTHY -> emit(after, new HealthUnhealthy(after.instanceId(), was, reason, after.lastHeartbeat()));
      case HEALTHY -> emit(after, new HealthCheck(after.instanceId(), HealthStatus.HEALTHY, reason,
          after.curLoad(), after.maxPerf(), after.requestsWorking()));
    }
  }

  private void emit(RegisteredInstance instance, EventPayload payload) {
    EventEnvelope event = factory.create(payload, EventOptions.none()
        .withTriggerId(instance.triggerId()).withEnvironment(instance.environment()));
    for (RegistryEventListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        log.error("registry event listener {} failed on {}", listener.getClass().getName(), event.type(), e);
      }
    }
    router.publish(event);
  }
}
