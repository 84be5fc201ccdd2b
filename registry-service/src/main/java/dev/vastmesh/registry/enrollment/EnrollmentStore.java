package dev.vastmesh.registry.enrollment;

import java.time.Instant;
import java.util.Optional;

/**
 * Where enrollment tokens live, by hash. Two implementations pass one behaviour suite: in memory
 * and Redis. A record is kept until {@code forgetAt} (past its expiry), so that a replay or an
 * expired token gets its precise answer rather than "unknown".
 */
public interface EnrollmentStore {

  void save(Enrollment enrollment, Instant forgetAt);

  /** The record, spent or not, expired or not, until it is forgotten. */
  Optional<Enrollment> find(String tokenHash);

  /**
   * Spends the token if it is fresh at {@code now}: of any number of concurrent calls, across
   * replicas, exactly one answers {@link Consumption.Consumed}.
   */
  Consumption consume(String tokenHash, Instant now);
}
