package dev.vastmesh.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ConditionalOnStateTests {

  @Configuration(proxyBeanMethods = false)
  static class States {
    @Bean
    @ConditionalOnState(prefix = "vastmesh.test", value = StateMode.MEMORY)
    String memory() {
      return "memory";
    }

    @Bean
    @ConditionalOnState(prefix = "vastmesh.test", value = StateMode.REDIS)
    String redis() {
      return "redis";
    }
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(States.class);

  @Test
  void anUnsetStateIsMemory() {
    runner.run(context -> assertThat(context.getBeansOfType(String.class)).containsOnlyKeys("memory"));
  }

  @Test
  void theStatePicksItsBeansInAnyCase() {
    runner.withPropertyValues("vastmesh.test.state=Redis")
        .run(context -> assertThat(context.getBeansOfType(String.class)).containsOnlyKeys("redis"));
    runner.withPropertyValues("vastmesh.test.state=memory")
        .run(context -> assertThat(context.getBeansOfType(String.class)).containsOnlyKeys("memory"));
  }

  @Test
  void anUnknownStateStopsTheStartUpNamingTheChoices() {
    runner.withPropertyValues("vastmesh.test.state=redsi").run(context -> assertThat(context).hasFailed()
        .getFailure().rootCause().hasMessage("vastmesh.test.state must be memory or redis, not 'redsi'"));
  }
}
