package dev.vastmesh.registry.events;

import dev.vastmesh.events.EventFactory;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EventConfiguration {

  @Bean
  EventFactory eventFactory(Clock clock) {
    return EventFactory.create(clock, "/vastmesh/registry-service");
  }
}
