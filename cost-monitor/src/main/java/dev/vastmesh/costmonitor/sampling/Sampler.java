package dev.vastmesh.costmonitor.sampling;

import dev.vastmesh.costmonitor.registry.Registry;
import dev.vastmesh.costmonitor.registry.RegistryEntry;
import dev.vastmesh.costmonitor.registry.RegistryUnavailableException;
import dev.vastmesh.costmonitor.sampling.SampleFailure.Reason;
import dev.vastmesh.costmonitor.sampling.SampleFailure.Source;
import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.VastException;
import dev.vastmesh.vastai.model.Balance;
import dev.vastmesh.vastai.model.BillingLine;
import dev.vastmesh.vastai.model.Instance;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the account through vastai-client (whose limiter keeps to Vast's per-endpoint limits):
 * the v1 instance list, every page; the balance; today's charges. Any failed, malformed or
 * empty-where-a-list-was-expected answer skips the whole sample: the SkyPilot bug was an empty
 * answer read as "no instances".
 */
public final class Sampler {

  private static final Logger log = LoggerFactory.getLogger(Sampler.class);

  private final VastClient vast;
  private final Registry registry;
  private final Clock clock;

  public Sampler(VastClient vast, Registry registry, Clock clock) {
    this.vast = vast;
    this.registry = registry;
    this.clock = clock;
  }

  /**
   * @param instancesExpected the account had instances at the last sample (or the registry has
   *     entries): an empty list now is then an error, not a fact
   */
  public SampleOutcome sample(boolean instancesExpected) {
    Instant at = clock.instant();
    List<RegistryEntry> entries = registryEntries();
    List<Instance> instances;
    Balance balance;
    List<BillingLine> charges;
    try {
      instances = call(Source.INSTANCES, vast::listInstances);
      if (instances.isEmpty() && (instancesExpected || entries != null && !entries.isEmpty())) {
        return skipped(new SampleFailure(Source.INSTANCES, Reason.EMPTY,
            "the instance list is empty although the account had instances (or the registry has entries)"));
      }
      balance = call(Source.BALANCE, vast::balance);
      if (balance.balance() == null && balance.credit() == null) {
        return skipped(new SampleFailure(Source.BALANCE, Reason.MALFORMED, "the account answer has neither balance nor credit"));
      }
      Instant day = at.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
      charges = call(Source.CHARGES, () -> vast.charges(day, at));
    } catch (Failed e) {
      return skipped(e.failure);
    }
    Double money = balance.balance() != null ? balance.balance() : balance.credit();
    return new SampleOutcome.Taken(new Sample(at, instances, money, charges, entries));
  }

  private @Nullable List<RegistryEntry> registryEntries() {
    if (!registry.configured()) {
      return null;
    }
    try {
      return registry.entries();
    } catch (RegistryUnavailableException e) {
      log.warn("registry unreadable, no orphan or ghost is judged this sample: {}", e.getMessage());
      return null;
    }
  }

  private static SampleOutcome skipped(SampleFailure failure) {
    log.warn("sample skipped, no action taken: {} {}: {}", failure.source().label(), failure.reason().label(), failure.message());
    return new SampleOutcome.Skipped(failure);
  }

  private static <T> T call(Source source, Supplier<T> call) {
    try {
      return call.get();
    } catch (VastException.RateLimited e) {
      throw new Failed(new SampleFailure(source, Reason.RATE_LIMITED, e.getMessage()));
    } catch (VastException.Authentication e) {
      throw new Failed(new SampleFailure(source, Reason.AUTHENTICATION, e.getMessage()));
    } catch (VastException.Api e) {
      throw new Failed(new SampleFailure(source, Reason.API, e.getMessage()));
    } catch (VastException.MalformedResponse e) {
      throw new Failed(new SampleFailure(source, Reason.MALFORMED, e.getMessage()));
    } catch (VastException.Transport e) {
      throw new Failed(new SampleFailure(source, Reason.TRANSPORT, e.getMessage()));
    } catch (RuntimeException e) {
      // A row Jackson could not bind, or anything else unexpected in the answer.
      throw new Failed(new SampleFailure(source, Reason.MALFORMED, e.getClass().getSimpleName()));
    }
  }

  private static final class Failed extends RuntimeException {
    private final transient SampleFailure failure;

    Failed(SampleFailure failure) {
      super(failure.message(), null, false, false);
      this.failure = failure;
    }

    private static final long serialVersionUID = 1L;
  }
}
