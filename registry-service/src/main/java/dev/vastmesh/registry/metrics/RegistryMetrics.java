package dev.vastmesh.registry.metrics;

import dev.vastmesh.registry.instance.RegisteredInstance;
import dev.vastmesh.registry.store.InstanceStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Fleet metrics, refreshed on every sweep. Label sets are bounded: status is a closed set, and
 * environment and gpu_type are validated, short identifiers (or {@code none}).
 *
 * <ul>
 *   <li>{@code vastmesh_registry_instances{status,environment,gpu_type}}
 *   <li>{@code vastmesh_registry_total_hourly_cost{environment}} — summed cost_per_hour (OpenCost's
 *       {@code node_total_hourly_cost} convention), in USD
 *   <li>{@code vastmesh_registry_cost_dollars_total{environment}} — a monotonic counter of accrued
 *       cost, so {@code increase()} over any window gives spend
 *   <li>{@code vastmesh_registry_heartbeat_age_max_seconds{environment}}
 *   <li>{@code vastmesh_registry_self_preservation} (1 while evictions are held), {@code vastmesh_registry_index}
 * </ul>
 */
@Component
public class RegistryMetrics {

  private final MeterRegistry meters;
  private final InstanceStore store;
  private final MultiGauge instances;
  private final MultiGauge hourlyCost;
  private final MultiGauge heartbeatAge;
  private final Map<String, Counter> accruedCost = new ConcurrentHashMap<>();
  private final AtomicReference<Instant> lastRefresh = new AtomicReference<>();
  private volatile boolean selfPreservation;
  private volatile Map<String, BigDecimal> previousHourly = Map.of();

  RegistryMetrics(MeterRegistry meters, InstanceStore store) {
    this.meters = meters;
    this.store = store;
    this.instances = MultiGauge.builder("vastmesh.registry.instances").description("Registered instances").register(meters);
    this.hourlyCost = MultiGauge.builder("vastmesh.registry.total.hourly.cost").description("Summed cost per hour of registered instances, USD").register(meters);
    this.heartbeatAge = MultiGauge.builder("vastmesh.registry.heartbeat.age.max").baseUnit("seconds").description("Oldest heartbeat age").register(meters);
    Gauge.builder("vastmesh.registry.self.preservation", this, m -> m.selfPreservation ? 1 : 0)
        .description("1 while evictions are held because too much of the fleet expired at once").register(meters);
    Gauge.builder("vastmesh.registry.index", store, InstanceStore::index).description("The registry's change index").register(meters);
  }

  public void refresh(Instant now, boolean selfPreservationActive) {
    selfPreservation = selfPreservationActive;
    Map<Tags, Integer> counts = new HashMap<>();
    Map<String, BigDecimal> cost = new HashMap<>();
    Map<String, Double> age = new HashMap<>();
    for (RegisteredInstance instance : store.all()) {
      if (instance.expiredAt(now)) {
        continue;
      }
      String environment = orNone(instance.environment());
      counts.merge(Tags.of("status", instance.status().wire(), "environment", environment, "gpu_type", orNone(instance.gpuType())), 1, Integer::sum);
      if (instance.costPerHour() != null) {
        cost.merge(environment, instance.costPerHour(), BigDecimal::add);
      }
      double seconds = Duration.between(instance.lastHeartbeat(), now).toMillis() / 1000.0;
      age.merge(environment, seconds, Math::max);
    }
    instances.register(rows(counts), true);
    Map<Tags, Number> costRows = new HashMap<>();
    cost.forEach((env, value) -> costRows.put(Tags.of("environment", env), value.doubleValue()));
    hourlyCost.register(rows(costRows), true);
    Map<Tags, Number> ageRows = new HashMap<>();
    age.forEach((env, value) -> ageRows.put(Tags.of("environment", env), value));
    heartbeatAge.register(rows(ageRows), true);
    accrue(now, cost);
  }

  /**
   * Adds the spend since the last refresh at the rates that held during it (those seen at the
   * last refresh): an instance that expired in between was still billed until then.
   */
  private void accrue(Instant now, Map<String, BigDecimal> hourly) {
    Instant previous = lastRefresh.getAndSet(now);
    Map<String, BigDecimal> rates = previousHourly;
    previousHourly = Map.copyOf(hourly);
    if (previous == null || !now.isAfter(previous)) {
      return;
    }
    double hours = Duration.between(previous, now).toMillis() / 3_600_000.0;
    rates.forEach((env, rate) -> accruedCost.computeIfAbsent(env, e -> Counter.builder("vastmesh.registry.cost.dollars")
        .tag("environment", e).description("Accrued cost of registered instances, USD").register(meters))
        .increment(rate.doubleValue() * hours));
  }

  private static List<MultiGauge.Row<?>> rows(Map<Tags, ? extends Number> values) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>(values.size());
    values.forEach((tags, value) -> rows.add(MultiGauge.Row.of(tags, value)));
    return rows;
  }

  private static String orNone(String value) {
    return value == null ? "none" : value;
  }
}
