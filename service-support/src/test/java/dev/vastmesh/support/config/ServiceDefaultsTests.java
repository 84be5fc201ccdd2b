package dev.vastmesh.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

class ServiceDefaultsTests {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
  }

  private static ConfigurableApplicationContext start(WebApplicationType type, String... args) {
    SpringApplication application = new SpringApplication(App.class);
    application.setWebApplicationType(type);
    return application.run(args);
  }

  @Test
  void everyServiceGetsTheSharedDefaultsAndTheClock() {
    try (ConfigurableApplicationContext context = start(WebApplicationType.NONE)) {
      Environment environment = context.getEnvironment();
      assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
      assertThat(environment.getProperty("spring.threads.virtual.enabled")).isEqualTo("true");
      assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health,info,prometheus,metrics");
      assertThat(environment.getProperty("management.endpoint.health.show-details")).isEqualTo("when-authorized");
      // The servlet services' JSON conventions are not forced on the others.
      assertThat(environment.getProperty("spring.jackson.property-naming-strategy")).isNull();
      assertThat(context.getBean(Clock.class).getZone()).isEqualTo(Clock.systemUTC().getZone());
    }
  }

  @Test
  void whatAServiceOrAnOperatorSetsWins() {
    try (ConfigurableApplicationContext context = start(WebApplicationType.NONE, "--server.shutdown=immediate")) {
      assertThat(context.getEnvironment().getProperty("server.shutdown")).isEqualTo("immediate");
    }
  }
}
