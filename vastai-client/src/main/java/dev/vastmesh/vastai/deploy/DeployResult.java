package dev.vastmesh.vastai.deploy;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** How a deployment ended; each outcome has its documented exit code in the CLI. */
public sealed interface DeployResult {

  /** The instance runs. */
  record Ready(long instanceId, long offerId, @Nullable String gpuName, @Nullable Double dphTotal,
      @Nullable String publicIp, Map<String, String> ports, boolean adopted) implements DeployResult {
  }

  /** No offer matched the query under the maximum price. */
  record NoOffer(int offersFound) implements DeployResult {
  }

  /** Every offer tried failed: taken, stuck, exited, or not the rental type asked for. */
  record Failed(List<String> attempts) implements DeployResult {
  }
}
