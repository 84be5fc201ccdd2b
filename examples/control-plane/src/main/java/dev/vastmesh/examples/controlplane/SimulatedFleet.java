package dev.vastmesh.examples.controlplane;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The vast-simulator of {@code ./vastmesh sim}, wired to the run: one Vast account and an admin
 * token from the run's credentials, and every image it rents a gpu-worker in front of the run's
 * model server, registering in the run's registry and reporting to its gateway. The simulator is
 * then the worker's Vast: its autoscaler, its {@code CONTAINER_ID} (the registry's instance id)
 * and its mapped port.
 *
 * <p>A container's command is a shell command line, which every user of the machine can read; so
 * it carries no secret, and the worker's tokens are read at start from the run's private
 * credential files into its environment.
 */
record SimulatedFleet(Topology topology) {

  /** The image a user rents for the light stand-in (a sleeping process), as the simulator ships it. */
  static final String STAND_IN_IMAGE = "vastmesh/stand-in";

  Settings simulator(Credentials credentials) {
    List<String> args = new ArrayList<>(List.of(
        "--server.port=" + topology.simulatorPort(),
        "--vastmesh.simulator.work-dir=" + topology.workDir().resolve("instances")));
    if (topology.fast()) {
      args.add("--vastmesh.simulator.lifecycle.step-delay=300ms");
    }
    return new Settings(args, Map.of(
        "vastmesh.simulator.accounts[0].key", credentials.vastKey(),
        "vastmesh.simulator.admin.tokens[0].name", "launcher",
        "vastmesh.simulator.admin.tokens[0].value", credentials.simulatorAdmin(),
        "vastmesh.simulator.admin.tokens[0].scopes", "admin",
        // Not secret, but a multi-line script reads badly on the simulator's own command line.
        "vastmesh.simulator.default-command", containerCommand()));
  }

  /** What a rented instance runs: the run's gpu-worker on the port the simulator mapped for 3000. */
  String containerCommand() {
    Path credentials = topology.credentialsDir();
    StringBuilder script = new StringBuilder("set -e\n");
    script.append(export("VASTMESH_WORKER_TOKEN", credentials.resolve(Credentials.WORKER_FILE)));
    script.append(export("VASTMESH_WORKER_REGISTRY_TOKEN", credentials.resolve(Credentials.WORKER_REGISTRY_FILE)));
    script.append(export("VASTMESH_WORKER_EVENTS_SECRET", credentials.resolve(Credentials.WORKERS_SOURCE_FILE)));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ControlPlane.JVM_OPTIONS);
    command.addAll(topology.jvmOptions());
    command.add("-jar");
    command.add(topology.repo().resolve("gpu-worker/target/gpu-worker.jar").toString());
    command.addAll(topology.workerOptions());
    script.append("exec");
    command.forEach(word -> script.append(' ').append(quoted(word)));
    // The simulator's variables: expanded by the container's shell, so they stay outside the quotes.
    script.append(" \"--server.port=$VAST_TCP_PORT_3000\"");
    script.append(" \"--vastmesh.worker.vast.public-url=http://$PUBLIC_IPADDR:$VAST_TCP_PORT_3000\"\n");
    return script.toString();
  }

  private static String export(String variable, Path file) {
    return variable + "=\"$(cat " + quoted(file.toString()) + ")\" && export " + variable + "\n";
  }

  /** One shell word, taken literally. */
  static String quoted(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
