package dev.vastmesh.simulator.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Simulated time: it starts at the clock's time when the simulator starts and runs
 * {@code speedUp} times faster, so a test sees a day's bill in seconds. Billing, dates and
 * timestamps in answers use it; the boot steps of an instance do not (a test waits for those).
 */
@Component
public class SimClock {

  private final Clock clock;
  private final Instant origin;
  private final double speedUp;

  public SimClock(Clock clock, SimulatorProperties properties) {
    this.clock = clock;
    this.origin = clock.instant();
    this.speedUp = properties.speedUp();
  }

  public Instant now() {
    Duration real = Duration.between(origin, clock.instant());
    return speedUp == 1.0 ? origin.plus(real) : origin.plusNanos((long) (real.toNanos() * speedUp));
  }

  /** Now in Unix seconds with fractions, as Vast writes times. */
  public double epochSeconds() {
    Instant now = now();
    return now.getEpochSecond() + now.getNano() / 1e9;
  }

  public double speedUp() {
    return speedUp;
  }
}
