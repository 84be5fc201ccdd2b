package dev.vastmesh.vastai.deploy;

import dev.vastmesh.events.payload.DeploymentCompleted;
import dev.vastmesh.events.payload.DeploymentFailed;
import dev.vastmesh.events.payload.DeploymentStarted;
import dev.vastmesh.events.payload.ErrorDetail;
import dev.vastmesh.events.payload.InstanceCreated;
import dev.vastmesh.events.payload.RentalType;
import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.VastException;
import dev.vastmesh.vastai.model.Instance;
import dev.vastmesh.vastai.model.Offer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rents one instance for a CI job and waits until it runs: picks the cheapest acceptable offers
 * in the search's order, creates, and watches the instance. An offer that is taken (410), an
 * instance that exits, is outbid, is not the rental type asked for, or makes no progress for
 * {@code noProgressTimeout} is destroyed, and the next offer is tried — stuck is judged by lack
 * of progress, not by one fixed timeout that a slow image pull would hit.
 */
public final class Deployer {

  private final VastClient vast;
  private final Consumer<String> progress;
  private final DeploymentEvents events;

  /** @param progress where state transitions and elapsed times are reported (stderr in the CLI) */
  public Deployer(VastClient vast, Consumer<String> progress) {
    this(vast, progress, DeploymentEvents.NONE);
  }

  public Deployer(VastClient vast, Consumer<String> progress, DeploymentEvents events) {
    this.vast = vast;
    this.progress = progress;
    this.events = events;
  }

  /** Deploys, reporting vastai.deployment.started, vastai.instance.created and completed or failed. */
  public DeployResult deploy(DeployRequest request) throws InterruptedException {
    String deploymentId = request.idempotencyKey() != null ? "deploy-" + request.idempotencyKey() : "deploy-" + java.util.UUID.randomUUID();
    events.started(new DeploymentStarted(deploymentId, request.idempotencyKey(), null, null, request.instance().image(),
        null, 1));
    DeployResult result = run(request);
    switch (result) {
      case DeployResult.Ready ready -> events.completed(new DeploymentCompleted(deploymentId, request.idempotencyKey(),
          List.of(ready.instanceId()), null, ready.dphTotal() == null ? null : BigDecimal.valueOf(ready.dphTotal()), "USD"));
      case DeployResult.NoOffer none -> events.failed(new DeploymentFailed(deploymentId, request.idempotencyKey(),
          new ErrorDetail("no_offer", "no offer under $" + request.maxPricePerHour() + "/h among " + none.offersFound() + " found", true),
          List.of()));
      case DeployResult.Failed failed -> events.failed(new DeploymentFailed(deploymentId, request.idempotencyKey(),
          new ErrorDetail("all_offers_failed", String.join("; ", failed.attempts()), true), List.of()));
    }
    return result;
  }

  private DeployResult run(DeployRequest request) throws InterruptedException {
    String label = request.idempotencyLabel();
    if (label != null) {
      Optional<Instance> existing = vast.listInstances().stream()
          .filter(i -> label.equals(i.label()) && !i.terminal() && !i.outbid()).findFirst();
      if (existing.isPresent()) {
        progress.accept("adopting instance " + existing.get().id() + " labelled " + label);
        Outcome outcome = await(existing.get().id(), request);
        if (outcome instanceof Outcome.Running running) {
          return ready(running.instance(), 0, true);
        }
        progress.accept("adopted instance " + existing.get().id() + " did not come up (" + ((Outcome.Gone) outcome).why() + "); renting anew");
      }
    }
    List<Offer> found = vast.searchOffers(request.search());
    List<Offer> affordable = found.stream()
        .filter(o -> o.dphTotal() != null && o.dphTotal() <= request.maxPricePerHour()).toList();
    if (affordable.isEmpty()) {
      progress.accept("no offer under $" + request.maxPricePerHour() + "/h among " + found.size() + " found");
      return new DeployResult.NoOffer(found.size());
    }
    List<String> attempts = new ArrayList<>();
    for (Offer offer : affordable.subList(0, Math.min(request.offersToTry(), affordable.size()))) {
      long instanceId;
      try {
        progress.accept("renting offer " + offer.id() + " (" + offer.gpuName() + ", $" + offer.dphTotal() + "/h)");
        instanceId = vast.createInstance(offer.id(), request.instance().withLabel(request.instanceLabel())
            .withBid(request.bid()));
      } catch (VastException.OfferUnavailable e) {
        progress.accept("offer " + offer.id() + " is gone; trying the next");
        attempts.add("offer " + offer.id() + ": unavailable");
        continue;
      }
      events.instanceCreated(new InstanceCreated(instanceId, instanceId, offer.id(), offer.machineId(),
          offer.gpuName() == null ? "unknown" : offer.gpuName(), offer.numGpus() == null ? 1 : offer.numGpus(),
          BigDecimal.valueOf(offer.dphTotal()), "USD", request.bid() != null ? RentalType.INTERRUPTIBLE : RentalType.ON_DEMAND,
          request.instance().image(), request.instanceLabel()));
      Outcome outcome = await(instanceId, request);
      if (outcome instanceof Outcome.Running running) {
        if (request.bid() != null && Boolean.FALSE.equals(running.instance().isBid())) {
          attempts.add("offer " + offer.id() + ": rented on-demand although a bid was given");
          progress.accept("instance " + instanceId + " was rented on-demand, not as a bid; destroying it");
          destroy(instanceId);
          continue;
        }
        return ready(running.instance(), offer.id(), false);
      }
      String why = ((Outcome.Gone) outcome).why();
      attempts.add("offer " + offer.id() + ", instance " + instanceId + ": " + why);
      progress.accept("instance " + instanceId + " " + why + "; destroying it and trying the next offer");
      destroy(instanceId);
    }
    return new DeployResult.Failed(attempts);
  }

  private sealed interface Outcome {
    record Running(Instance instance) implements Outcome {
    }

    record Gone(String why) implements Outcome {
    }
  }

  private Outcome await(long instanceId, DeployRequest request) throws InterruptedException {
    long started = System.nanoTime();
    long lastProgress = started;
    String lastState = null;
    while (true) {
      Optional<Instance> seen = vast.showInstance(instanceId);
      long now = System.nanoTime();
      String state = seen.map(i -> i.actualStatus() + " / " + i.statusMsg()).orElse("not visible yet");
      if (!Objects.equals(state, lastState)) {
        progress.accept(String.format("instance %d: %s (%.1fs)", instanceId, state, (now - started) / 1e9));
        lastState = state;
        lastProgress = now;
      }
      if (seen.isPresent()) {
        Instance instance = seen.get();
        if ("running".equals(instance.actualStatus())) {
          return new Outcome.Running(instance);
        }
        if (instance.terminal()) {
          return new Outcome.Gone("ended as " + instance.actualStatus());
        }
        if (instance.outbid()) {
          return new Outcome.Gone("was outbid");
        }
      }
      if (now - lastProgress > request.noProgressTimeout().toNanos()) {
        return new Outcome.Gone("made no progress for " + request.noProgressTimeout().toSeconds() + "s (stuck)");
      }
      if (now - started > request.offerTimeout().toNanos()) {
        return new Outcome.Gone("did not run within " + request.offerTimeout().toSeconds() + "s");
      }
      Thread.sleep(request.pollInterval().toMillis());
    }
  }

  private void destroy(long instanceId) {
    try {
      vast.destroyInstance(instanceId);
    } catch (VastException e) {
      progress.accept("could not destroy instance " + instanceId + ": " + e.getMessage() + " — destroy it by hand, it may bill");
    }
  }

  private static DeployResult.Ready ready(Instance instance, long offerId, boolean adopted) {
    Map<String, String> ports = new LinkedHashMap<>();
    if (instance.ports() != null) {
      instance.ports().forEach((port, bindings) -> {
        if (bindings != null && !bindings.isEmpty() && bindings.getFirst().hostPort() != null) {
          ports.put(port, bindings.getFirst().hostPort());
        }
      });
    }
    return new DeployResult.Ready(instance.id(), offerId, instance.gpuName(), instance.dphTotal(), instance.publicIpaddr(), ports, adopted);
  }

}
