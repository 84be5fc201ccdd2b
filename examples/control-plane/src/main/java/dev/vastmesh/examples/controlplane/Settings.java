package dev.vastmesh.examples.controlplane;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * How one service process is configured. Its secrets never go on its command line, which every
 * user of the machine can read ({@code ps}, {@code /proc/<pid>/cmdline}); they travel in its
 * environment, which only its own user can, as Spring Boot's {@code SPRING_APPLICATION_JSON}.
 *
 * @param args the command-line arguments, none of them secret
 * @param secrets properties kept off the command line: the secrets, and the other properties of a
 *     list element holding one (Spring Boot binds a list from a single property source)
 */
record Settings(List<String> args, Map<String, String> secrets) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  Settings {
    args = List.copyOf(args);
    secrets = Map.copyOf(secrets);
  }

  /** The variables to add to the process's environment. */
  Map<String, String> environment() {
    return secrets.isEmpty() ? Map.of() : Map.of("SPRING_APPLICATION_JSON", JSON.writeValueAsString(new TreeMap<>(secrets)));
  }
}
