package dev.vastmesh.testsupport.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The long run against a service already running (a jar), for figures beyond the build's:
 * {@code HttpFuzzMain <port> <requests> [seed] [connections] [path ...]}. Without paths it aims at
 * the paths every service has; the exit status is 1 when any answer was wrong. There is no
 * ERROR-log check here: read the service's own log.
 */
public final class HttpFuzzMain {

  private HttpFuzzMain() {
  }

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: HttpFuzzMain <port> <requests> [seed] [connections] [path ...]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    int requests = Integer.parseInt(args[1]);
    HttpFuzz fuzz = HttpFuzz.requests(requests);
    if (args.length > 2 && !args[2].equals("-")) {
      fuzz = fuzz.seed(Long.parseLong(args[2]));
    }
    if (args.length > 3) {
      fuzz = fuzz.connections(Integer.parseInt(args[3]));
    }
    List<String> paths = new ArrayList<>(FuzzTarget.COMMON_PATHS);
    if (args.length > 4) {
      paths.addAll(Arrays.asList(args).subList(4, args.length));
    }
    List<String> tokens = System.getenv("FUZZ_TOKEN") == null ? List.of() : List.of(System.getenv("FUZZ_TOKEN"));
    FuzzReport report = fuzz.run("127.0.0.1", port, new FuzzTarget(paths, List.of(), tokens, Oracle.problems()));
    System.exit(report.failed() == 0 ? 0 : 1);
  }
}
