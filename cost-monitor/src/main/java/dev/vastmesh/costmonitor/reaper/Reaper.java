package dev.vastmesh.costmonitor.reaper;

import dev.vastmesh.costmonitor.accounting.LedgerState;
import dev.vastmesh.costmonitor.accounting.TrackedInstance;
import dev.vastmesh.costmonitor.budget.Actions;
import dev.vastmesh.costmonitor.budget.Scopes;
import dev.vastmesh.costmonitor.config.CostMonitorProperties;
import dev.vastmesh.costmonitor.events.CostEvents;
import dev.vastmesh.costmonitor.registry.Registry;
import dev.vastmesh.costmonitor.registry.RegistryEntry;
import dev.vastmesh.costmonitor.registry.RegistryUnavailableException;
import dev.vastmesh.costmonitor.sampling.Sample;
import dev.vastmesh.events.payload.TerminationReason;
import dev.vastmesh.vastai.model.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds what bills while no tool knows it. An orphan is an instance carrying the deploy label that
 * has been running for longer than the orphan grace without a registry entry (counted from
 * running, so a slow image pull is not an orphan), or that stayed exited or stopped beyond the
 * stopped grace. Orphans are reported, and destroyed when the reaper is enabled and the acting key
 * is there. Nothing without the deploy label is ever touched, nor anything protected, nor
 * anything at all when the registry could not be read. A registry entry whose instance is missing
 * from Vast's list in several samples in a row is a ghost: reported and deregistered.
 */
public final class Reaper {

  private static final Logger log = LoggerFactory.getLogger(Reaper.class);

  /** What the reaper did in one sample, for the metrics. */
  public record Result(int orphans, int reaped, int ghosts) {
  }

  private final CostMonitorProperties.Reaper config;
  private final String deployLabelPrefix;
  private final String protectionLabel;
  private final Registry registry;
  private final @Nullable Actions actions;
  private final CostEvents events;

  public Reaper(CostMonitorProperties properties, Registry registry, @Nullable Actions actions, CostEvents events) {
    this.config = properties.reaper();
    this.deployLabelPrefix = properties.deployLabelPrefix();
    this.protectionLabel = properties.protectionLabel();
    this.registry = registry;
    this.actions = actions;
    this.events = events;
  }

  public Result run(Sample sample, LedgerState state) {
    if (sample.registry() == null) {
      return new Result(0, 0, 0);
    }
    Instant now = sample.at();
    int orphans = 0;
    int reaped = 0;
    for (Instance row : sample.instances()) {
      TrackedInstance instance = state.instances().get(row.id());
      if (instance == null || !labelled(instance) || Scopes.isProtected(instance, protectionLabel)) {
        continue;
      }
      String why = orphanReason(instance, now);
      if (why == null) {
        continue;
      }
      orphans++;
      if (state.fired().add("orphan|" + instance.id())) {
        log.warn("orphan instance {} (label {}): {}", instance.id(), instance.vastLabel(), why);
      }
      if (config.enabled() && actions != null) {
        try {
          actions.destroy(instance.id());
          reaped++;
          log.warn("reaped orphan instance {}: {}", instance.id(), why);
          events.terminated(instance, TerminationReason.DESTROYED, "orphan reaped by the cost-monitor: " + why);
        } catch (RuntimeException e) {
          log.error("could not reap orphan instance {}: {}", instance.id(), e.getMessage());
        }
      }
    }
    state.fired().removeIf(mark -> mark.startsWith("orphan|") && !live(sample, mark.substring(7)));
    return new Result(orphans, reaped, ghosts(sample, state));
  }

  private boolean labelled(TrackedInstance instance) {
    return instance.vastLabel() != null && instance.vastLabel().startsWith(deployLabelPrefix);
  }

  private @Nullable String orphanReason(TrackedInstance instance, Instant now) {
    if (!instance.registered() && instance.runningSince() != null && over(instance.runningSince(), now, config.orphanGrace())) {
      return "running unregistered since " + instance.runningSince() + " (grace " + config.orphanGrace() + ")";
    }
    if (instance.haltedSince() != null && over(instance.haltedSince(), now, config.stoppedGrace())) {
      return instance.state() + " since " + instance.haltedSince() + ", billing storage (grace " + config.stoppedGrace() + ")";
    }
    return null;
  }

  private static boolean over(Instant since, Instant now, Duration grace) {
    return Duration.between(since, now).compareTo(grace) > 0;
  }

  private int ghosts(Sample sample, LedgerState state) {
    Set<Long> onVast = new HashSet<>();
    sample.instances().forEach(i -> onVast.add(i.id()));
    Set<Long> inRegistry = new HashSet<>();
    int ghosts = 0;
    for (RegistryEntry entry : sample.registry()) {
      inRegistry.add(entry.instanceId());
      if (onVast.contains(entry.instanceId())) {
        state.ghostMisses().remove(entry.instanceId());
        continue;
      }
      int misses = state.ghostMisses().merge(entry.instanceId(), 1, Integer::sum);
      if (misses < config.ghostSamples()) {
        continue;
      }
      try {
        registry.deregister(entry.instanceId());
        ghosts++;
        state.ghostMisses().remove(entry.instanceId());
        log.warn("ghost: registry entry {} has no instance on Vast ({} samples); deregistered", entry.instanceId(), misses);
      } catch (RegistryUnavailableException e) {
        log.warn("ghost: registry entry {} has no instance on Vast; deregistering failed: {}", entry.instanceId(), e.getMessage());
      }
    }
    state.ghostMisses().keySet().retainAll(inRegistry);
    return ghosts;
  }

  private static boolean live(Sample sample, String id) {
    return sample.instances().stream().anyMatch(i -> Long.toString(i.id()).equals(id));
  }
}
