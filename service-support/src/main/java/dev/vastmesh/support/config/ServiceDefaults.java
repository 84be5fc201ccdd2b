package dev.vastmesh.support.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * The settings every service had repeated in its application.yml (graceful shutdown, virtual
 * threads, exposed actuator endpoints, structured logs on request; for servlet services the JSON
 * conventions of the APIs and problem details), as the lowest-precedence source: anything a
 * service or an operator sets wins.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

  static final String ALL = "vastmesh-service-defaults.properties";
  static final String SERVLET = "vastmesh-servlet-defaults.properties";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (application.getWebApplicationType() == WebApplicationType.SERVLET) {
      environment.getPropertySources().addLast(load(SERVLET));
    }
    environment.getPropertySources().addLast(load(ALL));
  }

  private static ResourcePropertySource load(String name) {
    try {
      return new ResourcePropertySource(name, new ClassPathResource(name, ServiceDefaults.class.getClassLoader()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
