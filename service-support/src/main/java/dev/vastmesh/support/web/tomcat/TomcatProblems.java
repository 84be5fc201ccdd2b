package dev.vastmesh.support.web.tomcat;

import org.apache.catalina.Context;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;

/**
 * Tomcat set up for problems: its error report valve replaced by {@link ProblemReportValve}, and
 * a refused body (413) not swallowed — by default Tomcat reads up to 2 MB of what is left of it
 * before it closes the connection, waiting for a sender that declared 100 MB and paused for the
 * whole connection timeout; without the swallow the answer goes at once and the connection
 * closes.
 */
public final class TomcatProblems implements TomcatContextCustomizer {

  @Override
  public void customize(Context context) {
    context.setSwallowAbortedUploads(false);
    if (context.getParent() instanceof StandardHost host
        && !ProblemReportValve.class.getName().equals(host.getErrorReportValveClass())) {
      // Named as the host's valve class too, so that the host does not add Tomcat's beside it.
      host.setErrorReportValveClass(ProblemReportValve.class.getName());
      host.getPipeline().addValve(new ProblemReportValve());
    }
  }
}
