package dev.vastmesh.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Map;
import java.util.Set;

/**
 * Makes the framework's meters acceptable to {@code promtool check metrics}, the lint a Prometheus
 * shop runs on a new target. Observation-based timers (HTTP server and client requests, scheduled
 * tasks) register without a description, so Prometheus would get an empty HELP: they get one here.
 * A few binders name their meters in ways the lint refuses; they are dropped, because renaming a
 * standard meter would break the dashboards written for it:
 * <ul>
 *   <li>{@code jvm.compilation.time} and {@code process.cpu.time} carry abbreviated units
 *       ({@code _ms_total}, {@code _ns_total}); {@code process_cpu_usage} stays.</li>
 *   <li>{@code system.cpu.count} is a gauge ending in {@code _count}, which Prometheus reserves for
 *       histograms and summaries.</li>
 *   <li>{@code tomcat.sessions.*} count HTTP sessions, which no vastmesh service creates: always 0,
 *       and without HELP.</li>
 * </ul>
 * A description a meter brings itself is kept.
 */
public final class PrometheusLintFilter implements MeterFilter {

  private static final Set<String> DROPPED = Set.of("jvm.compilation.time", "process.cpu.time", "system.cpu.count");
  private static final String DROPPED_PREFIX = "tomcat.sessions.";

  private static final Map<String, String> HELP = Map.of(
      "http.server.requests", "HTTP requests served, by method, URI template, status and outcome",
      "http.server.requests.active", "HTTP requests being served",
      "http.client.requests", "HTTP requests this service made, by method, URI template, status and outcome",
      "http.client.requests.active", "HTTP requests this service is making",
      "tasks.scheduled.execution", "Runs of scheduled tasks, by task and outcome",
      "tasks.scheduled.execution.active", "Scheduled tasks running");

  @Override
  public MeterFilterReply accept(Meter.Id id) {
    String name = id.getName();
    return DROPPED.contains(name) || name.startsWith(DROPPED_PREFIX) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    String help = HELP.get(id.getName());
    if (help == null || id.getDescription() != null && !id.getDescription().isBlank()) {
      return id;
    }
    return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), help, id.getType());
  }
}
