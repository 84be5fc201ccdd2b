package dev.vastmesh.metrics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link PrometheusLintFilter}; Spring Boot applies every {@code MeterFilter} bean to the
 * registries before the first meter registers, so the framework's meters pass through it too.
 */
@AutoConfiguration
public class PrometheusLintAutoConfiguration {

  @Bean
  PrometheusLintFilter prometheusLintFilter() {
    return new PrometheusLintFilter();
  }
}
