package dev.vastmesh.worker;

import dev.vastmesh.worker.config.VastEnvironment;
import dev.vastmesh.worker.config.WorkerProperties;
import dev.vastmesh.worker.lifecycle.StartupFailureBeacon;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/** Runs on a GPU instance (port 3000): Vast's serverless worker protocol in front of the model server. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {

  public static void main(String[] args) throws InterruptedException {
    Optional<StartupFailureBeacon> beacon = launch(args, Duration.ofSeconds(10));
    if (beacon.isPresent()) {
      beacon.get().awaitTermination();
    }
  }

  /**
   * Starts the worker; when start-up fails and the worker has an id to report under, returns the
   * running failure beacon instead of exiting (the protocol's start-up failure report).
   */
  public static Optional<StartupFailureBeacon> launch(String[] args, Duration beaconPeriod) {
    SpringApplication application = new SpringApplication(WorkerApplication.class);
    application.setDefaultProperties(VastEnvironment.defaults(System::getenv));
    AtomicReference<ConfigurableEnvironment> environment = new AtomicReference<>();
    application.addListeners(event -> {
      if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
        environment.set(prepared.getEnvironment());
      }
    });
    try {
      application.run(args);
      return Optional.empty();
    } catch (RuntimeException e) {
      WorkerProperties.Vast vast = environment.get() == null ? null
          : Binder.get(environment.get()).bind(WorkerProperties.PREFIX + ".vast", WorkerProperties.Vast.class).orElse(null);
      if (vast == null || vast.containerId() <= 0) {
        throw e;
      }
      return Optional.of(StartupFailureBeacon.start(vast.reportAddr(), vast.containerId(), vast.masterToken(),
          rootMessage(e), vast.publicUrl(), beaconPeriod));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.length() > 1024 ? message.substring(0, 1024) : message;
  }
}
