package dev.vastmesh.simulator.autoscaler;

import dev.vastmesh.support.security.Tokens;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * What the simulator's instances need to report to it as their autoscaler: {@code REPORT_ADDR}
 * (this server, on the port it listens on) and the {@code MASTER_TOKEN} their reports must carry.
 */
@Component
public class ReportAddress implements ApplicationListener<WebServerInitializedEvent> {

  private final String masterToken = Tokens.random("vmt_");
  private volatile int port;

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    port = event.getWebServer().getPort();
  }

  /** The variables an instance gets unless its create body sets them. */
  public Map<String, String> environment(String host) {
    return Map.of("REPORT_ADDR", "http://" + host + ":" + port, "MASTER_TOKEN", masterToken);
  }

  boolean accepts(String mtoken) {
    return Tokens.sameHash(Tokens.sha256(masterToken), Tokens.sha256(mtoken));
  }
}
