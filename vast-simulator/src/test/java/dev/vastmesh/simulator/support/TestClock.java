package dev.vastmesh.simulator.support;

import dev.vastmesh.testsupport.MutableClock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Simulated time stands still in the tests until one moves it: bills come out exact. It starts
 * at midnight UTC, so a simulated day is one day of charges.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClock {

  public static final Instant START = Instant.parse("2026-12-02T00:00:00Z");

  @Bean
  MutableClock clock() {
    return new MutableClock(START);
  }
}
