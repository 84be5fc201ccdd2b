package dev.vastmesh.router;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Routes every vastai.* event, explicitly, to its agents (port 3006). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RouterApplication {

  public static void main(String[] args) {
    SpringApplication.run(RouterApplication.class, args);
  }
}
