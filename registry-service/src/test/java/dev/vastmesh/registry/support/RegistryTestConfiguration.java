package dev.vastmesh.registry.support;

import dev.vastmesh.testsupport.MutableClock;
import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A hand-moved clock and an event recorder for whole-context tests, which should import it explicitly. */
@TestConfiguration(proxyBeanMethods = false)
public class RegistryTestConfiguration {

  public static final Instant T0 = Instant.parse("2026-01-04T12:00:00Z");

  @Bean
  @Primary
  MutableClock testClock() {
    return new MutableClock(T0);
  }

  @Bean
  RecordingListener recordingListener() {
    return new RecordingListener();
  }

}
