package dev.vastmesh.vastai.cli;

import dev.vastmesh.vastai.deploy.DeployResult;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A ready deployment as a GitLab dotenv report, so later jobs get the instance without parsing
 * the result file: {@code VASTAI_INSTANCE_ID}, {@code VASTAI_OFFER_ID}, {@code VASTAI_PUBLIC_IP},
 * {@code VASTAI_ADOPTED} and one {@code VASTAI_PORT_3000_TCP=41234} per mapped port. GitLab's
 * dotenv takes one {@code KEY=VALUE} per line with no quoting, so only values that need none are
 * written: a port or address Vast answered with anything else is left out, never passed on.
 */
final class DeployDotenv {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]+");
  private static final Pattern PORT_KEY = Pattern.compile("(\\d+)/(tcp|udp)");

  private DeployDotenv() {
  }

  static String of(DeployResult.Ready ready) {
    StringBuilder lines = new StringBuilder();
    line(lines, "VASTAI_INSTANCE_ID", Long.toString(ready.instanceId()));
    line(lines, "VASTAI_OFFER_ID", Long.toString(ready.offerId()));
    if (ready.publicIp() != null) {
      line(lines, "VASTAI_PUBLIC_IP", ready.publicIp());
    }
    line(lines, "VASTAI_ADOPTED", Boolean.toString(ready.adopted()));
    for (Map.Entry<String, String> port : ready.ports().entrySet()) {
      var key = PORT_KEY.matcher(port.getKey());
      if (key.matches()) {
        line(lines, "VASTAI_PORT_" + key.group(1) + "_" + key.group(2).toUpperCase(Locale.ROOT), port.getValue());
      }
    }
    return lines.toString();
  }

  private static void line(StringBuilder lines, String name, String value) {
    if (PLAIN.matcher(value).matches()) {
      lines.append(name).append('=').append(value).append('\n');
    }
  }
}
