package dev.vastmesh.support.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;

class RetiredPropertiesTests {

  @SpringBootConfiguration
  static class App {
  }

  @ParameterizedTest
  @CsvSource({
      "vastmesh.registry.store, vastmesh.registry.state",
      "vastmesh.router.mode, vastmesh.router.state",
      "vastmesh.gateway.mode, vastmesh.gateway.state"})
  void aRetiredStateNameIsRefusedAtStartUpNamingItsReplacement(String retired, String replacement) {
    SpringApplication application = new SpringApplication(App.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    assertThatThrownBy(() -> application.run("--" + retired + "=redis").close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(retired + " is no longer read: set " + replacement + " instead");
  }
}
