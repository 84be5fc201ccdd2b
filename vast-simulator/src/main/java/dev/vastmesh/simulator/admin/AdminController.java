package dev.vastmesh.simulator.admin;

import dev.vastmesh.simulator.account.Accounts;
import dev.vastmesh.simulator.billing.Contract;
import dev.vastmesh.simulator.billing.Ledger;
import dev.vastmesh.simulator.billing.Payment;
import dev.vastmesh.simulator.billing.StartingCredit;
import dev.vastmesh.simulator.config.SimClock;
import dev.vastmesh.simulator.faults.FaultSpec;
import dev.vastmesh.simulator.faults.Faults;
import dev.vastmesh.simulator.instances.InstanceService;
import dev.vastmesh.simulator.process.ProcessSupervisor;
import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.security.RequiresScope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulator's own API: faults on demand, events Vast would cause (an outbid, a crash), credit
 * top-ups, instance traffic, and what is running. Every call needs an admin token; errors are RFC 9457 problems.
 */
@RestController
@RequestMapping("/admin/v1")
class AdminController {

  private final Faults faults;
  private final InstanceService instances;
  private final ProcessSupervisor processes;
  private final StartingCredit credit;
  private final SimClock clock;
  private final Accounts accounts;
  private final Ledger ledger;

  AdminController(Faults faults, InstanceService instances, ProcessSupervisor processes, StartingCredit credit, SimClock clock,
      Accounts accounts, Ledger ledger) {
    this.accounts = accounts;
    this.ledger = ledger;
    this.faults = faults;
    this.instances = instances;
    this.processes = processes;
    this.credit = credit;
    this.clock = clock;
  }

  record Status(int instances, int processes, double simulatedTime, double speedUp, boolean rateLimited) {
  }

  record RateLimitSwitch(boolean enabled) {
  }

  record Credit(@NotNull @DecimalMin("0.01") Double amount) {
  }

  record Traffic(@NotNull @DecimalMin("0") Double downGb, @NotNull @DecimalMin("0") Double upGb) {
  }

  record TrafficTotal(long instanceId, double downGb, double upGb) {
  }

  @GetMapping("/status")
  @RequiresScope("admin")
  Status status() {
    return new Status(instances.count(), processes.liveCount(), clock.epochSeconds(), clock.speedUp(), faults.rateLimited());
  }

  @GetMapping("/faults")
  @RequiresScope("admin")
  List<Faults.Armed> faults() {
    return faults.list();
  }

  @PostMapping("/faults")
  @RequiresScope("admin")
  ResponseEntity<Faults.Armed> arm(@Valid @RequestBody FaultSpec spec) {
    return ResponseEntity.status(HttpStatus.CREATED).body(faults.arm(spec));
  }

  @DeleteMapping("/faults")
  @RequiresScope("admin")
  ResponseEntity<Void> clear() {
    faults.clear();
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/faults/{id}")
  @RequiresScope("admin")
  ResponseEntity<Void> disarm(@PathVariable long id) {
    if (!faults.disarm(id)) {
      throw notFound("no armed fault " + id);
    }
    return ResponseEntity.noContent().build();
  }

  @PutMapping("/rate-limits")
  @RequiresScope("admin")
  RateLimitSwitch rateLimits(@RequestBody RateLimitSwitch change) {
    faults.rateLimited(change.enabled());
    return change;
  }

  /** Outbids an interruptible instance now: Vast notifies, then stops it. */
  @PostMapping("/instances/{id}/outbid")
  @RequiresScope("admin")
  ResponseEntity<Void> outbid(@PathVariable long id) {
    if (!instances.outbid(id)) {
      throw notFound("no interruptible instance " + id);
    }
    return ResponseEntity.noContent().build();
  }

  /** Kills an instance's container now, as a crash would: it ends {@code exited}. */
  @PostMapping("/instances/{id}/crash")
  @RequiresScope("admin")
  ResponseEntity<Void> crash(@PathVariable long id) {
    if (!instances.crash(id)) {
      throw notFound("no instance " + id + " with a running container");
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * Books traffic on an instance now, as if it had downloaded and uploaded that much: bandwidth
   * the simulator cannot see (a worker's own port) made billable for tests and demos.
   */
  @PostMapping("/instances/{id}/traffic")
  @RequiresScope("admin")
  TrafficTotal traffic(@PathVariable long id, @Valid @RequestBody Traffic body) {
    Contract contract = ledger.live(id).orElseThrow(() -> notFound("no instance " + id));
    contract.traffic(clock.now(), body.downGb(), body.upGb());
    double[] total = contract.trafficTotal();
    return new TrafficTotal(id, total[0], total[1]);
  }

  @PostMapping("/accounts/{userId}/credit")
  @RequiresScope("admin")
  ResponseEntity<Payment> addCredit(@PathVariable long userId, @Valid @RequestBody Credit body) {
    if (accounts.byId(userId).isEmpty()) {
      throw notFound("no account " + userId);
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(credit.add(userId, body.amount()));
  }

  private static Problem notFound(String detail) {
    return new Problem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail);
  }
}
