package dev.vastmesh.simulator.instances;

import dev.vastmesh.simulator.config.SimulatorProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment and ports Vast gives a container: {@code CONTAINER_ID}, {@code PUBLIC_IPADDR},
 * {@code VAST_TCP_PORT_<port>} per mapped port, {@code VAST_CONTAINERLABEL}, and the {@code -e}
 * entries of the create body. Only a few host variables pass (PATH, HOME, JAVA_HOME ...), as a
 * container does not see its host's environment.
 */
final class ContainerEnvironment {

  private static final Pattern PORT_FLAG = Pattern.compile("-p\\s+(?:\\d+:)?(\\d+)(?:/tcp)?");
  private static final List<String> FROM_HOST = List.of("PATH", "HOME", "JAVA_HOME", "LANG", "TMPDIR", "VASTMESH_HOME");

  private ContainerEnvironment() {
  }

  /** The container ports to map: the configured ones and those of {@code -p} flags. */
  static Set<Integer> ports(SimulatorProperties.Lifecycle lifecycle, Map<String, String> env) {
    Set<Integer> ports = new TreeSet<>(lifecycle.ports());
    for (String key : env.keySet()) {
      Matcher flag = PORT_FLAG.matcher(key.trim());
      if (flag.matches()) {
        ports.add(Integer.parseInt(flag.group(1)));
      }
    }
    return ports;
  }

  /** @param autoscaler the simulator as the workers' autoscaler; a create body's {@code -e} entries win */
  static Map<String, String> of(long id, String publicIp, Map<Integer, Integer> ports, Map<String, String> requested,
      Map<String, String> host, Map<String, String> autoscaler) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String name : FROM_HOST) {
      if (host.get(name) != null) {
        env.put(name, host.get(name));
      }
    }
    env.putAll(autoscaler);
    requested.forEach((key, value) -> {
      if (!key.startsWith("-")) {
        env.put(key, value);
      }
    });
    env.put("CONTAINER_ID", Long.toString(id));
    env.put("VAST_CONTAINERLABEL", "C." + id);
    env.put("PUBLIC_IPADDR", publicIp);
    ports.forEach((container, hostPort) -> env.put("VAST_TCP_PORT_" + container, Integer.toString(hostPort)));
    return env;
  }
}
