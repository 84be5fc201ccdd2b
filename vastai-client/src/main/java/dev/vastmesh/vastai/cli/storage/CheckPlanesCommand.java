package dev.vastmesh.vastai.cli.storage;

import dev.vastmesh.storage.cloudflared.IngressCheck;
import dev.vastmesh.storage.planes.AddressKind;
import dev.vastmesh.storage.planes.NetworkPlanes;
import dev.vastmesh.storage.planes.Placement;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code check-planes [--cloudflared config.yml]}: the endpoints against the plane rule, and the
 * tunnel's ingress file against it too. Exit 1 with one {@code error:} line per problem.
 */
@Command(name = "check-planes", mixinStandardHelpOptions = true,
    description = "Check the endpoints, and a cloudflared ingress file, against the plane rule.")
final class CheckPlanesCommand extends StorageVerb {

  @Option(names = "--cloudflared", paramLabel = "config.yml", description = "a cloudflared config file to check") @Nullable Path cloudflared;
  @Option(names = "--hostname", description = "a public hostname the tunnel must serve (default: the public endpoint's host)")
  List<String> hostnames = new ArrayList<>();

  @Override
  int run() {
    NetworkPlanes planes = storage.planes(options, options.choice());
    Placement placement = storage.placement();
    out().println("running on: " + (placement == Placement.VAST_INSTANCE ? "a Vast instance (public plane only)" : "a local runner"));
    out().println("public plane: " + (planes.publicEndpoint() == null ? "not configured" : planes.publicEndpoint() + " ok"));
    out().println("private plane: " + (planes.privateEndpoint() == null ? "not configured" : planes.privateEndpoint() + " ok"));
    if (cloudflared == null) {
      return 0;
    }
    List<String> required = new ArrayList<>(hostnames);
    URI pub = planes.publicEndpoint();
    if (required.isEmpty() && pub != null) {
      required.add(pub.getHost());
    }
    List<String> problems = new IngressCheck(AddressKind.Resolver.DNS).check(cloudflared, required, planes.privateEndpoint());
    if (problems.isEmpty()) {
      out().println("cloudflared " + cloudflared + ": ok (" + String.join(", ", required) + " served, nothing into the tailnet, 404 catch-all last)");
      return 0;
    }
    problems.forEach(p -> err().println("error: " + p));
    return 1;
  }
}
