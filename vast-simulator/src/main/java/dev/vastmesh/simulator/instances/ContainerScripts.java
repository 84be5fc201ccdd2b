package dev.vastmesh.simulator.instances;

import dev.vastmesh.simulator.autoscaler.ReportAddress;
import dev.vastmesh.simulator.config.SimulatorProperties;
import dev.vastmesh.simulator.process.ContainerSpec;
import java.nio.file.Path;

/**
 * The local command that stands for an image: the configured one for the image (with or without
 * its tag), else the default. {@code onstart} runs first, by a shell, in the background, as Vast
 * runs it beside the image's own entry point.
 */
final class ContainerScripts {

  private ContainerScripts() {
  }

  static String command(SimulatorProperties properties, String image) {
    String command = properties.images().get(image);
    if (command == null && image.contains(":")) {
      command = properties.images().get(image.substring(0, image.lastIndexOf(':')));
    }
    return command == null ? properties.defaultCommand() : command;
  }

  static ContainerSpec spec(SimInstance instance, SimulatorProperties properties, Path workDir, ReportAddress reportAddress) {
    String command = command(properties, instance.request.image()).strip();
    String onstart = instance.request.onstart();
    StringBuilder script = new StringBuilder();
    if (onstart != null && !onstart.isBlank()) {
      script.append("( ").append(onstart).append("\n) &\n");
    }
    script.append(command.isEmpty() ? "wait" : command);
    return new ContainerSpec(instance.id, script.toString(),
        ContainerEnvironment.of(instance.id, properties.publicIpaddr(), instance.ports, instance.request.env(), System.getenv(),
            reportAddress.environment(properties.publicIpaddr())),
        workDir.resolve("instance-" + instance.id));
  }
}
