package dev.vastmesh.router.delivery;

import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.router.routing.Agent;

/**
 * One event on its way to one agent.
 *
 * @param id the delivery id, sent as {@code webhook-id}: the same on every attempt and replay,
 *     so the agent can deduplicate
 * @param settled told once, when the delivery succeeded or was dead-lettered
 */
public record Delivery(String id, EventEnvelope event, byte[] json, Agent agent, Runnable settled) {

  public static String idOf(EventEnvelope event, Agent agent) {
    return event.id() + ":" + agent.name();
  }
}
