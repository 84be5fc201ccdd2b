package dev.vastmesh.registry.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongPredicate;

/**
 * Forged deregistrations racing a registration: in each run, a few callers loop {@code DELETE}
 * with {@code vmi_<id>_forged}, a token of the instance-token shape the registry never issued,
 * while the instance registers; then the instance must still be there.
 *
 * @param registrar where the instance registers, with a register-scope token
 * @param attacked where the forged deletes go (the same replica or another)
 */
public record ForgedTokenRace(RegistryClient registrar, String registerToken, RegistryClient attacked) {

  private static final int ATTACKERS = 3;

  /** How many of {@code runs} runs, on ids from {@code firstId}, lost the instance. */
  public int deletedRuns(long firstId, int runs, LongPredicate stillRegistered) {
    ExecutorService attackers = Executors.newFixedThreadPool(ATTACKERS);
    try {
      int deleted = 0;
      for (long id = firstId; id < firstId + runs; id++) {
        long target = id;
        AtomicBoolean registered = new AtomicBoolean();
        List<CompletableFuture<Void>> attacks = new ArrayList<>();
        for (int i = 0; i < ATTACKERS; i++) {
          attacks.add(CompletableFuture.runAsync(() -> {
            while (!registered.get()) {
              attacked.delete("/api/v1/vastai/registry/{instanceId}", "vmi_" + target + "_forged", target);
            }
          }, attackers));
        }
        assertThat(registrar.post("/api/v1/vastai/registry/register", registerToken, "{\"instance_id\": " + target + "}")
            .status()).isEqualTo(201);
        registered.set(true);
        attacks.forEach(CompletableFuture::join);
        if (!stillRegistered.test(target)) {
          deleted++;
        }
      }
      return deleted;
    } finally {
      attackers.shutdownNow();
    }
  }
}
