package dev.vastmesh.registry.enrollment;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.security.Tokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Mints enrollment tokens and admits the one registration each allows. */
@Service
public class EnrollmentService {

  private static final Logger log = LoggerFactory.getLogger(EnrollmentService.class);
  private static final String HELP = "Enrollment tokens, by outcome: minted, consumed (admitted a registration), "
      + "used (a replay, 409), expired (401), unknown (401), mismatched (bound to another instance, 403)";

  /** What happened to a token; the metric's one, bounded, label. */
  enum Outcome { MINTED, CONSUMED, USED, EXPIRED, UNKNOWN, MISMATCHED }

  private final EnrollmentStore store;
  private final EnrollmentProperties properties;
  private final Clock clock;
  private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

  EnrollmentService(EnrollmentStore store, EnrollmentProperties properties, Clock clock, MeterRegistry meters) {
    this.store = store;
    this.properties = properties;
    this.clock = clock;
    for (Outcome outcome : Outcome.values()) {
      counters.put(outcome, Counter.builder("vastmesh.registry.enrollments").tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
          .description(HELP).register(meters));
    }
  }

  /** A new token for {@code issuer} (a service token's name); the answer is the only place its value is. */
  public MintedToken mint(MintRequest request, String issuer) {
    Duration ttl = request.ttlSeconds() == null ? properties.defaultTtl() : Duration.ofSeconds(request.ttlSeconds());
    if (ttl.compareTo(properties.maxTtl()) > 0) {
      throw Problem.invalidRequest("/ttl_seconds", "must be at most " + properties.maxTtl().toSeconds());
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String token = EnrollmentTokens.issue();
    Enrollment enrollment = new Enrollment(Tokens.sha256(token), request.instanceId(), request.label(), issuer, now, now.plus(ttl));
    store.save(enrollment, enrollment.expiresAt().plus(properties.retention()));
    count(Outcome.MINTED);
    log.info("enrollment token minted by '{}' for {} until {}", issuer,
        request.instanceId() == null ? "any instance" : "instance " + request.instanceId(), enrollment.expiresAt());
    return new MintedToken(token, enrollment.expiresAt(), enrollment.instanceId(), enrollment.label());
  }

  /**
   * Spends the token for a registration of {@code instanceId}, or refuses it; a token bound to
   * another instance is refused without being spent.
   */
  public Enrollment admit(String tokenHash, long instanceId) {
    Enrollment found = store.find(tokenHash).orElseThrow(() -> refuse(Outcome.UNKNOWN, EnrollmentTokens.notValid()));
    if (!found.admits(instanceId)) {
      throw refuse(Outcome.MISMATCHED, EnrollmentTokens.boundElsewhere());
    }
    return switch (store.consume(tokenHash, clock.instant())) {
      case Consumption.Consumed consumed -> {
        count(Outcome.CONSUMED);
        log.info("enrollment token minted by '{}' admitted instance {}", consumed.enrollment().issuer(), instanceId);
        yield consumed.enrollment();
      }
      case Consumption.AlreadyUsed used -> throw refuse(Outcome.USED, EnrollmentTokens.alreadyUsed());
      case Consumption.Expired expired -> throw refuse(Outcome.EXPIRED, EnrollmentTokens.expired());
      case Consumption.Unknown unknown -> throw refuse(Outcome.UNKNOWN, EnrollmentTokens.notValid());
    };
  }

  private Problem refuse(Outcome outcome, Problem problem) {
    count(outcome);
    log.warn("enrollment token refused: {}", outcome.name().toLowerCase(java.util.Locale.ROOT));
    return problem;
  }

  private void count(Outcome outcome) {
    counters.get(outcome).increment();
  }
}
