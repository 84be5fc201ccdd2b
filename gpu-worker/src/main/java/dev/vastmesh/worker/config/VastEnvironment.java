package dev.vastmesh.worker.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Vast's environment variables that do not map one to one onto a property: the worker's public
 * URL ({@code http[s]://$PUBLIC_IPADDR:$VAST_TCP_PORT_<WORKER_PORT>}) and, when
 * {@code USE_SSL=true}, TLS from the instance's certificate plus the plain-HTTP
 * {@code /session/end} listener on {@code WORKER_HTTP_PORT} (default WORKER_PORT + 1). Given as default properties, so explicit configuration wins.
 */
public final class VastEnvironment {

  static final String DERIVED_PUBLIC_URL = "vastmesh.derived.public-url";

  private VastEnvironment() {
  }

  public static Map<String, Object> defaults(Function<String, String> env) {
    Map<String, Object> defaults = new HashMap<>();
    boolean ssl = "true".equalsIgnoreCase(env.apply("USE_SSL"));
    String port = env.apply("WORKER_PORT") == null ? "3000" : env.apply("WORKER_PORT");
    String ip = env.apply("PUBLIC_IPADDR");
    String mapped = env.apply("VAST_TCP_PORT_" + port);
    if (ip != null && !ip.isBlank() && mapped != null && !mapped.isBlank()) {
      String host = ip.contains(":") && !ip.startsWith("[") ? "[" + ip + "]" : ip;
      defaults.put(DERIVED_PUBLIC_URL, (ssl ? "https" : "http") + "://" + host.toLowerCase(Locale.ROOT) + ":" + mapped.strip());
    }
    if (ssl) {
      defaults.put("server.ssl.enabled", "true");
      defaults.put("server.ssl.certificate", "file:/etc/instance.crt");
      defaults.put("server.ssl.certificate-private-key", "file:/etc/instance.key");
      // Beside the TLS port, Vast's plain-HTTP listener for /session/end.
      String httpPort = env.apply("WORKER_HTTP_PORT");
      defaults.put("vastmesh.worker.sessions.end-port", httpPort != null && !httpPort.isBlank() ? httpPort.strip()
          : Integer.toString(Integer.parseInt(port) + 1));
    }
    return defaults;
  }
}
