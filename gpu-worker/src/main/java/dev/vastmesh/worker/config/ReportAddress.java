package dev.vastmesh.worker.config;

import java.net.URI;
import java.util.List;

/**
 * Where the autoscaler's endpoints are under a REPORT_ADDR. An address may carry a path
 * ({@code http://host:port/api/v0}); the endpoint goes below it, with or without a trailing
 * slash, as Vast's worker joins them ({@code rstrip("/") + "/worker_status/"}).
 * {@link URI#resolve(String)} with an absolute path would drop that path.
 */
public final class ReportAddress {

  /**
   * Vast's console API. Vast's worker lists it in REPORT_ADDR for {@code worker_status} but never
   * sends it {@code delete_requests}, which only the routing autoscaler takes.
   */
  public static final URI VAST_CONSOLE = URI.create("https://cloud.vast.ai/api/v0");

  private ReportAddress() {
  }

  /** {@code endpoint} (e.g. {@code worker_status/}) below {@code address}'s path. */
  public static URI resolve(URI address, String endpoint) {
    String base = address.toString();
    int end = base.length();
    while (end > 0 && base.charAt(end - 1) == '/') {
      end--;
    }
    String relative = endpoint.startsWith("/") ? endpoint.substring(1) : endpoint;
    return URI.create(base.substring(0, end) + "/" + relative);
  }

  /** The addresses {@code delete_requests} go to: every report address but Vast's console. */
  public static List<URI> forDeleteRequests(List<URI> reportAddr) {
    return reportAddr.stream().filter(address -> !isVastConsole(address)).toList();
  }

  public static boolean isVastConsole(URI address) {
    return resolve(address, "").equals(resolve(VAST_CONSOLE, ""));
  }
}
