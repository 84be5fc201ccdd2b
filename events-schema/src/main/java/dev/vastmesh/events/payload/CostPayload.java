package dev.vastmesh.events.payload;

/** Payloads of the {@code vastai.cost.*} events; every amount carries its ISO 4217 currency. */
public sealed interface CostPayload extends EventPayload
    permits CostSampled, CostThresholdWarning, CostThresholdExceeded, CostBudgetExceeded, CostAccountAlert {

  String currency();
}
