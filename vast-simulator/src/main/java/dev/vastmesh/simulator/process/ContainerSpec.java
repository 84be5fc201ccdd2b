package dev.vastmesh.simulator.process;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a container is locally: a shell script run with exactly this environment, in its own
 * directory, its output in {@code container.log} there.
 */
public record ContainerSpec(long instanceId, String script, Map<String, String> env, Path directory) {

  public ContainerSpec {
    env = Map.copyOf(env);
  }
}
