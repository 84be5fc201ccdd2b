package dev.vastmesh.support.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start with a property whose name was replaced, naming the replacement: ignored, a
 * {@code store: redis} would quietly run a replica on its own in-memory state.
 */
public class RetiredProperties implements EnvironmentPostProcessor, Ordered {

  /** Retired name to the name that replaced it. */
  static final Map<String, String> RENAMED = Map.of(
      "vastmesh.registry.store", "vastmesh.registry.state",
      "vastmesh.router.mode", "vastmesh.router.state",
      "vastmesh.gateway.mode", "vastmesh.gateway.state");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    List<String> found = new ArrayList<>();
    RENAMED.forEach((retired, replacement) -> {
      if (environment.containsProperty(retired)) {
        found.add(retired + " is no longer read: set " + replacement + " instead");
      }
    });
    if (!found.isEmpty()) {
      throw new IllegalStateException(String.join("; ", found.stream().sorted().toList()));
    }
  }

  /** After the configuration files are loaded. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
