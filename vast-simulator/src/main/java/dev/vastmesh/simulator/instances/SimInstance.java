package dev.vastmesh.simulator.instances;

import dev.vastmesh.simulator.billing.Contract;
import dev.vastmesh.simulator.process.ContainerProcess;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One rented instance. Its mutable state changes only under its own lock (the service's
 * transitions); readers take a {@link #snapshot()}.
 */
final class SimInstance {

  final long id;
  final long userId;
  final long offerId;
  final ObjectNode offer;
  final CreateRequest request;
  final boolean bid;
  final Contract contract;
  final Map<Integer, Integer> ports;
  final double created;

  private Phase phase = Phase.CREATED;
  private @Nullable String statusMsg;
  private @Nullable String label;
  private @Nullable Double startDate;
  private long generation;
  private @Nullable ContainerProcess process;
  private boolean booted;
  private boolean destroyed;

  SimInstance(long id, long userId, long offerId, ObjectNode offer, CreateRequest request, boolean bid, Contract contract,
      Map<Integer, Integer> ports, double created) {
    this.id = id;
    this.userId = userId;
    this.offerId = offerId;
    this.offer = offer;
    this.request = request;
    this.bid = bid;
    this.contract = contract;
    this.ports = Map.copyOf(ports);
    this.created = created;
    this.label = request.label();
    contract.label(label);
  }

  /** What a reader sees, consistent at one moment. */
  record Snapshot(Phase phase, @Nullable String statusMsg, @Nullable String label, @Nullable Double startDate, boolean destroyed) {
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(phase, statusMsg, label, startDate, destroyed);
  }

  Phase phase() {
    return phase;
  }

  void phase(Phase value, @Nullable String message) {
    phase = value;
    statusMsg = message;
  }

  @Nullable String label() {
    return label;
  }

  void label(@Nullable String value) {
    label = value;
    contract.label(value);
  }

  void started(double at) {
    startDate = at;
  }

  long generation() {
    return generation;
  }

  /** Invalidates every scheduled step of the previous life. */
  long nextGeneration() {
    return ++generation;
  }

  @Nullable ContainerProcess process() {
    return process;
  }

  void process(@Nullable ContainerProcess value) {
    process = value;
  }

  /** True the first time only: Vast sends {@code instance_started} on first boot. */
  boolean firstBoot() {
    boolean first = !booted;
    booted = true;
    return first;
  }

  boolean destroyed() {
    return destroyed;
  }

  void destroy() {
    destroyed = true;
  }
}
