package dev.vastmesh.examples.controlplane;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Where one run's services listen. {@code ./vastmesh} uses the documented defaults (or them
 * shifted by an offset); tests take every port from the OS, so that nothing else listening on
 * this machine, a demo or another test run, can collide with them.
 *
 * @param gateways one port per replica (the second used in HA mode only)
 * @param registries one port per replica
 * @param routers one port per replica
 * @param simulator the vast-simulator's ({@code ./vastmesh sim} only)
 */
public record Ports(int worker, int model, int agent, List<Integer> gateways, List<Integer> registries, List<Integer> routers,
    int simulator) {

  /** Where Linux's default {@code ip_local_port_range} starts. */
  public static final int EPHEMERAL_PORTS_START = 32_768;

  public Ports {
    gateways = List.copyOf(gateways);
    registries = List.copyOf(registries);
    routers = List.copyOf(routers);
    if (gateways.size() != 2 || registries.size() != 2 || routers.size() != 2) {
      throw new IllegalArgumentException("one port per replica: two each for gateway, registry and router");
    }
  }

  /**
   * gpu-worker 3000, gateway 3001, registry 3005, router 3006 (replicas +10), vast-simulator 3010,
   * agent 4001, model server 8000.
   */
  public static Ports defaults() {
    return offset(0);
  }

  /**
   * The defaults plus {@code offset}. Every port stays below {@link #EPHEMERAL_PORTS_START}: Linux
   * hands ports from there up to outgoing connections, and one of them can hold a fixed port at
   * the moment its listener binds.
   */
  public static Ports offset(int offset) {
    if (offset < 0 || 8000 + offset >= EPHEMERAL_PORTS_START) {
      throw new IllegalArgumentException("port offset " + offset + " puts ports in the ephemeral range (from "
          + EPHEMERAL_PORTS_START + "); keep it between 0 and " + (EPHEMERAL_PORTS_START - 8001));
    }
    return new Ports(3000 + offset, 8000 + offset, 4001 + offset, List.of(3001 + offset, 3011 + offset),
        List.of(3005 + offset, 3015 + offset), List.of(3006 + offset, 3016 + offset), 3010 + offset);
  }

  /** Ten different ports from {@code free}, e.g. ports the OS just handed out. */
  public static Ports from(IntSupplier free) {
    Set<Integer> distinct = new LinkedHashSet<>();
    for (int attempt = 0; distinct.size() < 10; attempt++) {
      if (attempt == 1000) {
        throw new IllegalStateException("no ten different ports from " + free);
      }
      distinct.add(free.getAsInt());
    }
    List<Integer> p = List.copyOf(distinct);
    return new Ports(p.get(0), p.get(1), p.get(2), p.subList(3, 5), p.subList(5, 7), p.subList(7, 9), p.get(9));
  }

  /** Every port, in no particular order. */
  public List<Integer> all() {
    List<Integer> all = new ArrayList<>(List.of(worker, model, agent));
    all.addAll(gateways);
    all.addAll(registries);
    all.addAll(routers);
    all.add(simulator);
    return all;
  }

  /**
   * These ports with some replaced, from {@code name=port,...}: {@code worker}, {@code model},
   * {@code agent}, {@code simulator}, and {@code gateway}, {@code registry}, {@code router} with {@code -b} for
   * the second replica.
   */
  public Ports with(String assignments) {
    Ports ports = this;
    for (String assignment : assignments.split(",")) {
      int equals = assignment.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("expected name=port, got " + assignment);
      }
      ports = ports.with(assignment.substring(0, equals).trim(), Integer.parseInt(assignment.substring(equals + 1).trim()));
    }
    return ports;
  }

  private Ports with(String name, int port) {
    return switch (name) {
      case "worker" -> new Ports(port, model, agent, gateways, registries, routers, simulator);
      case "model" -> new Ports(worker, port, agent, gateways, registries, routers, simulator);
      case "agent" -> new Ports(worker, model, port, gateways, registries, routers, simulator);
      case "gateway" -> new Ports(worker, model, agent, List.of(port, gateways.get(1)), registries, routers, simulator);
      case "gateway-b" -> new Ports(worker, model, agent, List.of(gateways.get(0), port), registries, routers, simulator);
      case "registry" -> new Ports(worker, model, agent, gateways, List.of(port, registries.get(1)), routers, simulator);
      case "registry-b" -> new Ports(worker, model, agent, gateways, List.of(registries.get(0), port), routers, simulator);
      case "router" -> new Ports(worker, model, agent, gateways, registries, List.of(port, routers.get(1)), simulator);
      case "simulator" -> new Ports(worker, model, agent, gateways, registries, routers, port);
      case "router-b" -> new Ports(worker, model, agent, gateways, registries, List.of(routers.get(0), port), simulator);
      default -> throw new IllegalArgumentException("no service port named " + name
          + " (worker, model, agent, simulator, gateway, registry, router, gateway-b, registry-b, router-b)");
    };
  }

  /** As {@link #with(String)} reads them: every port, so a child launcher can be given exactly these. */
  public String assignments() {
    return "worker=" + worker + ",model=" + model + ",agent=" + agent + ",gateway=" + gateways.get(0) + ",gateway-b="
        + gateways.get(1) + ",registry=" + registries.get(0) + ",registry-b=" + registries.get(1) + ",router=" + routers.get(0)
        + ",router-b=" + routers.get(1) + ",simulator=" + simulator;
  }
}
