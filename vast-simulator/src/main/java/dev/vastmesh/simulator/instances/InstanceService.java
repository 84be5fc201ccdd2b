package dev.vastmesh.simulator.instances;

import dev.vastmesh.simulator.account.SimAccount;
import dev.vastmesh.simulator.autoscaler.ReportAddress;
import dev.vastmesh.simulator.billing.Contract;
import dev.vastmesh.simulator.billing.Ledger;
import dev.vastmesh.simulator.billing.Rates;
import dev.vastmesh.simulator.billing.Usage;
import dev.vastmesh.simulator.config.SimClock;
import dev.vastmesh.simulator.config.SimulatorProperties;
import dev.vastmesh.simulator.faults.FaultKind;
import dev.vastmesh.simulator.faults.Faults;
import dev.vastmesh.simulator.offers.Catalogue;
import dev.vastmesh.simulator.offers.CatalogueOffer;
import dev.vastmesh.simulator.process.ContainerProcess;
import dev.vastmesh.simulator.process.PortAllocator;
import dev.vastmesh.simulator.process.ProcessSupervisor;
import dev.vastmesh.simulator.web.VastError;
import dev.vastmesh.simulator.webhooks.Notifier;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Instances and their lives: created → loading (one status message per step) → running, with the
 * container a real process; stopped, outbid, exited, rebooted, destroyed. Each change happens
 * under the instance's lock; a scheduled step of a previous life (before a stop, a reboot, a
 * destroy) finds its generation outdated and does nothing.
 */
@Service
public class InstanceService {

  private static final Logger log = LoggerFactory.getLogger(InstanceService.class);

  private final SimulatorProperties properties;
  private final Catalogue catalogue;
  private final Ledger ledger;
  private final SimClock clock;
  private final Faults faults;
  private final ProcessSupervisor processes;
  private final PortAllocator portAllocator;
  private final Notifier notifier;
  private final ReportAddress reportAddress;
  private final Path workDir;
  private final Map<Long, SimInstance> instances = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(7_835_600);
  private final ScheduledExecutorService steps = Executors.newScheduledThreadPool(2,
      Thread.ofPlatform().name("instance-steps-", 0).daemon().factory());

  public InstanceService(SimulatorProperties properties, Catalogue catalogue, Ledger ledger, SimClock clock, Faults faults,
      ProcessSupervisor processes, PortAllocator portAllocator, Notifier notifier, ReportAddress reportAddress) {
    this.properties = properties;
    this.catalogue = catalogue;
    this.ledger = ledger;
    this.clock = clock;
    this.faults = faults;
    this.processes = processes;
    this.portAllocator = portAllocator;
    this.notifier = notifier;
    this.reportAddress = reportAddress;
    this.workDir = properties.workDir() != null ? properties.workDir() : ProcessSupervisor.temporaryWorkDir();
  }

  /**
   * Rents one of the offer's machines.
   *
   * @throws VastError 404 {@code no_such_ask} for an offer that does not exist, 410 for one that is taken
   */
  long create(SimAccount account, long offerId, CreateRequest request) {
    CatalogueOffer offer = catalogue.find(offerId).orElseThrow(() -> VastError.of(404, "no_such_ask",
        "Instance type no longer available").with("ask_id", offerId));
    if (faults.fire(FaultKind.OFFER_TAKEN, offerId) || !catalogue.take(offerId)) {
      throw VastError.of(410, "no_such_ask", "Instance type no longer available").with("ask_id", offerId);
    }
    boolean bid = request.price() != null && !faults.fire(FaultKind.ON_DEMAND_INSTEAD_OF_BID, offerId);
    long id = ids.incrementAndGet();
    Map<Integer, Integer> ports = new LinkedHashMap<>();
    for (int port : ContainerEnvironment.ports(properties.lifecycle(), request.env())) {
      ports.put(port, portAllocator.allocate());
    }
    Rates rates = new Rates(bid ? request.price() : offer.dphBase(), offer.storageCost(), request.disk(), offer.inetDownCost(),
        offer.inetUpCost(), offer.creditDiscountMax());
    Contract contract = ledger.open(id, account.userId(), rates, bid);
    SimInstance instance = new SimInstance(id, account.userId(), offerId, offer.fields(), request, bid, contract, ports,
        clock.epochSeconds());
    instances.put(id, instance);
    schedule(instance, instance.generation(), 0);
    log.info("instance {} created from offer {} ({}, {})", id, offerId, request.image(), bid ? "bid" : "on-demand");
    return id;
  }

  /** The account's live instances, by id. */
  List<SimInstance> list(long userId) {
    return instances.values().stream().filter(i -> i.userId == userId).sorted(Comparator.comparingLong(i -> i.id)).toList();
  }

  /** Where each instance has its directory, {@code instance-<id>}. */
  public Path workDir() {
    return workDir;
  }

  /** Every live instance, of every account. */
  public int count() {
    return instances.size();
  }

  Optional<SimInstance> find(long userId, long id) {
    SimInstance instance = instances.get(id);
    return instance == null || instance.userId != userId ? Optional.empty() : Optional.of(instance);
  }

  SimInstance require(long userId, long id) {
    return find(userId, id).orElseThrow(() -> VastError.of(404, "no_such_instance", "Instance " + id + " not found."));
  }

  void destroy(SimInstance instance) {
    synchronized (instance) {
      if (instance.destroyed()) {
        return;
      }
      instance.destroy();
      instance.nextGeneration();
      kill(instance);
      instance.contract.change(clock.now(), Usage.NONE);
    }
    ledger.settle(instance.contract);
    instances.remove(instance.id);
    catalogue.release(instance.offerId);
    instance.ports.values().forEach(portAllocator::release);
    log.info("instance {} destroyed", instance.id);
  }

  void stop(SimInstance instance, String message) {
    synchronized (instance) {
      if (instance.destroyed() || !instance.phase().up() && instance.phase() != Phase.EXITED) {
        return;
      }
      instance.nextGeneration();
      kill(instance);
      change(instance, Phase.STOPPED, message);
    }
    notifier.notify(instance.userId, "client:instance_stopped", "Your Vast.ai Instance #" + instance.id + " Has Stopped",
        "Instance " + instance.id + " on machine " + machineId(instance) + " has stopped. Storage charges continue until it is destroyed.");
  }

  void start(SimInstance instance) {
    synchronized (instance) {
      if (instance.destroyed() || instance.phase().up()) {
        return;
      }
      schedule(instance, instance.nextGeneration(), 0);
    }
  }

  void reboot(SimInstance instance) {
    synchronized (instance) {
      if (instance.destroyed()) {
        return;
      }
      long generation = instance.nextGeneration();
      kill(instance);
      change(instance, Phase.REBOOTING, "Rebooting");
      // A reboot does not pull the image again: straight to the container start.
      schedule(instance, generation, properties.lifecycle().loadingMessages().size());
    }
  }

  void label(SimInstance instance, String label) {
    synchronized (instance) {
      instance.label(label);
    }
  }

  /** An interruptible instance loses its bid: notified first (as Vast does), then stopped. */
  public boolean outbid(long id) {
    SimInstance instance = instances.get(id);
    if (instance == null || !instance.bid) {
      return false;
    }
    notifier.notify(instance.userId, "client:outbid", "Your Interruptible Instance #" + id + " Has Been Outbid",
        String.format(java.util.Locale.ROOT, "Your interruptible instance %d on machine %s has been outbid and will be stopped. "
            + "Your bid was $%.3f/hr and the current minimum bid is $%.3f/hr.", id, machineId(instance),
            instance.contract.rates().gpuPerHour(), instance.offer.path("min_bid").asDouble() * 1.2));
    synchronized (instance) {
      if (instance.destroyed()) {
        return false;
      }
      instance.nextGeneration();
      kill(instance);
      change(instance, Phase.OUTBID, "Instance outbid: a higher bid took the machine");
    }
    return true;
  }

  /** The container dies now, as a crash would: the instance ends {@code exited}. */
  public boolean crash(long id) {
    SimInstance instance = instances.get(id);
    if (instance == null) {
      return false;
    }
    synchronized (instance) {
      ContainerProcess process = instance.process();
      if (process == null) {
        return false;
      }
      // The exit handler of this generation marks it exited.
      processes.stop(process, Duration.ZERO);
    }
    return true;
  }

  /** Stops every running instance of the account (its credit ran out). */
  public void stopAll(long userId, String message) {
    list(userId).stream().filter(i -> i.phase().up()).forEach(i -> stop(i, message));
  }

  private void schedule(SimInstance instance, long generation, int step) {
    steps.schedule(() -> step(instance, generation, step), properties.lifecycle().stepDelay().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void step(SimInstance instance, long generation, int step) {
    try {
      synchronized (instance) {
        if (instance.destroyed() || instance.generation() != generation) {
          return;
        }
        List<String> messages = properties.lifecycle().loadingMessages();
        if (step < messages.size()) {
          change(instance, Phase.LOADING, messages.get(step) + (step == 0 ? " " + instance.request.image() : ""));
          if (step == 0 && faults.fire(FaultKind.STUCK_LOADING, instance.offerId)) {
            return;
          }
          schedule(instance, generation, step + 1);
          return;
        }
        if (faults.fire(FaultKind.CRASH, instance.offerId)) {
          change(instance, Phase.EXITED, "Error: container exited with code 1 during start");
          return;
        }
      }
      if (instance.bid && faults.fire(FaultKind.OUTBID, instance.offerId)) {
        outbid(instance.id);
        return;
      }
      boolean first;
      synchronized (instance) {
        if (instance.destroyed() || instance.generation() != generation) {
          return;
        }
        launch(instance, generation);
        first = instance.phase() == Phase.RUNNING && instance.firstBoot();
      }
      if (first) {
        notifier.notify(instance.userId, "client:instance_started", "Your Vast.ai Instance #" + instance.id + " Is Now Running",
            "Instance " + instance.id + " (" + instance.request.image() + ") on machine " + machineId(instance)
                + " is running. You are being charged $" + String.format(java.util.Locale.ROOT, "%.3f", instance.contract.rates().totalPerHour())
                + "/hr.");
      }
    } catch (RuntimeException e) {
      log.error("instance {}: step {} failed", instance.id, step, e);
    }
  }

  /** Under the instance's lock. */
  private void launch(SimInstance instance, long generation) {
    ContainerProcess process;
    try {
      process = processes.start(ContainerScripts.spec(instance, properties, workDir, reportAddress));
    } catch (IOException e) {
      change(instance, Phase.EXITED, "Error response from daemon: " + e.getMessage());
      return;
    }
    instance.process(process);
    instance.started(clock.epochSeconds());
    change(instance, Phase.RUNNING, "success, running " + instance.request.image());
    process.exit().thenAccept(code -> exited(instance, generation, code));
  }

  private void exited(SimInstance instance, long generation, int code) {
    synchronized (instance) {
      if (instance.destroyed() || instance.generation() != generation || instance.phase() != Phase.RUNNING) {
        return;
      }
      instance.process(null);
      change(instance, Phase.EXITED, "Container exited with code " + code);
    }
    log.info("instance {}: its container exited with code {}", instance.id, code);
  }

  private void kill(SimInstance instance) {
    ContainerProcess process = instance.process();
    if (process != null) {
      instance.process(null);
      processes.stop(process, properties.lifecycle().stopGrace());
    }
  }

  private void change(SimInstance instance, Phase phase, String message) {
    instance.phase(phase, message);
    instance.contract.change(clock.now(), phase.usage());
  }

  private static String machineId(SimInstance instance) {
    return instance.offer.path("machine_id").asString();
  }

  @PreDestroy
  void close() {
    steps.shutdownNow();
  }
}
