package dev.vastmesh.costmonitor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Measures the Vast account's spend, enforces budgets and reaps orphans (port 3007). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CostMonitorApplication {

  public static void main(String[] args) {
    SpringApplication.run(CostMonitorApplication.class, args);
  }
}
