package dev.vastmesh.costmonitor.support;

import dev.vastmesh.costmonitor.events.EventSink;
import java.time.Clock;
import java.util.function.Supplier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The behaviour tests' beans: the simulator's simulated time as the clock, and a recording event sink. */
@TestConfiguration(proxyBeanMethods = false)
public class TestBeans {

  /** Set by the test before the context starts. */
  public static volatile Supplier<Clock> clock = Clock::systemUTC;

  @Bean
  Clock clock() {
    return clock.get();
  }

  @Bean
  @Primary
  EventSink recordingSink() {
    return new RecordingSink();
  }
}
