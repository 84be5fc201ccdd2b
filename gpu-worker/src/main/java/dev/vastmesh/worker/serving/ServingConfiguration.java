package dev.vastmesh.worker.serving;

import dev.vastmesh.worker.config.WorkerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ServingConfiguration {

  @Bean
  Admission admission(WorkerProperties properties) {
    return new Admission(properties.vast().maxPerf());
  }
}
