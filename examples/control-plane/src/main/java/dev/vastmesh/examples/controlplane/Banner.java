package dev.vastmesh.examples.controlplane;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a new user needs once everything is up: where each service is, where the credentials are,
 * and commands to try that read them from their files. No secret is printed: the launcher's
 * output is often a log.
 */
record Banner(Topology topology) {

  void print(PrintStream out) {
    String registry = Topology.url(topology.registryPort(0));
    String gateway = Topology.url(topology.gatewayPort(0));
    String worker = Topology.url(topology.workerPort());
    out.println();
    out.println("vastmesh is running" + (topology.ha() ? " in HA mode (Redis)" : "") + ". Ctrl-C stops everything.");
    out.println();
    for (int i = 0; i < topology.replicas(); i++) {
      String suffix = topology.ha() ? " (replica " + (char) ('a' + i) + ")" : "";
      out.println("  registry-service   " + Topology.url(topology.registryPort(i)) + suffix + "   Swagger UI: /swagger-ui.html");
      out.println("  webhook-gateway    " + Topology.url(topology.gatewayPort(i)) + suffix);
      out.println("  event-router       " + Topology.url(topology.routerPort(i)) + suffix);
    }
    if (topology.sim()) {
      out.println("  vast-simulator     " + Topology.url(topology.simulatorPort()) + "   a local Vast.ai: each instance it rents runs a gpu-worker");
    } else {
      out.println("  gpu-worker         " + worker + "   (in front of the model server)");
    }
    out.println("  model server       " + Topology.url(topology.modelPort()) + "   all-MiniLM-L6-v2 on the CPU");
    out.println("  demo agent         " + Topology.url(topology.agentPort()) + "   prints every event it receives, below");
    out.println();
    Path dir = topology.credentialsDir();
    String admin = "$(cat " + dir.resolve(Credentials.REGISTRY_ADMIN_FILE) + ")";
    out.println("Credentials, generated for this run, are in " + dir + ", one file each, readable only by you:");
    out.println("  " + Credentials.REGISTRY_ADMIN_FILE + "   the registry's admin token");
    out.println("  " + Credentials.WORKER_FILE + "           the gpu-worker's bearer token");
    out.println("  " + Credentials.CI_SOURCE_FILE + "      gateway source \"ci\", Standard Webhooks");
    out.println("  " + Credentials.ROUTER_FILE + "           the router's ingest and admin API");
    if (topology.sim()) {
      out.println("  " + Credentials.VAST_KEY_FILE + "           the simulator's Vast API key");
      out.println("  " + Credentials.SIMULATOR_ADMIN_FILE + "  the simulator's admin API (faults: /admin/v1/faults)");
      printSimulatorUse(out, dir, admin, registry);
      return;
    }
    out.println();
    out.println("Try:");
    out.println("  # the live instances (the worker registers once its model is loaded and benchmarked)");
    out.println("  curl -s -H \"Authorization: Bearer " + admin + "\" " + registry + "/api/v1/vastai/registry");
    out.println();
    out.println("  # embeddings through the worker (and the same call straight to the model server)");
    out.println("  curl -s -H \"Authorization: Bearer $(cat " + dir.resolve(Credentials.WORKER_FILE) + ")\" -H 'Content-Type: application/json' \\");
    out.println("       -d '{\"input\":[\"hello GPU\"]}' " + worker + "/v1/embeddings | head -c 300; echo");
    out.println("  curl -s -H 'Content-Type: application/json' -d '{\"input\":[\"hello GPU\"]}' "
        + Topology.url(topology.modelPort()) + "/v1/embeddings | head -c 300; echo");
    out.println();
    out.println("  # a signed deployment event from CI; the demo agent prints it (send it twice: delivered once)");
    out.println("  SECRET=$(cat " + dir.resolve(Credentials.CI_SOURCE_FILE) + ")");
    out.println("  ID=$(cat /proc/sys/kernel/random/uuid 2>/dev/null || uuidgen | tr A-Z a-z); TS=$(date +%s)");
    out.println("  BODY='{\"specversion\":\"1.0\",\"id\":\"'$ID'\",\"source\":\"/ci/demo\",\"type\":\"vastai.deployment.started\","
        + "\"time\":\"'$(date -u +%Y-%m-%dT%H:%M:%SZ)'\",\"datacontenttype\":\"application/json\","
        + "\"data\":{\"deployment_id\":\"demo-1\",\"requested_instances\":1}}'");
    out.println("  KEY=$(printf '%s' \"${SECRET#whsec_}\" | base64 -d | od -An -v -tx1 | tr -d ' \\n')");
    out.println("  SIG=$(printf '%s' \"$ID.$TS.$BODY\" | openssl dgst -sha256 -mac HMAC -macopt hexkey:$KEY -binary | base64)");
    out.println("  curl -s -w ' HTTP %{http_code}\\n' -H \"webhook-id: $ID\" -H \"webhook-timestamp: $TS\" "
        + "-H \"webhook-signature: v1,$SIG\" \\");
    out.println("       -H 'Content-Type: application/cloudevents+json' --data \"$BODY\" " + gateway + "/api/v1/webhooks/ci");
    out.println();
    out.println("Events delivered to the agents:");
  }

  private void printSimulatorUse(PrintStream out, Path dir, String admin, String registry) {
    out.println();
    out.println("Point the vastai CLI (or any Vast client honouring VAST_URL) at the simulator:");
    out.println("  export VAST_URL=" + Topology.url(topology.simulatorPort()) + " VASTAI_API_KEY=\"$(cat "
        + dir.resolve(Credentials.VAST_KEY_FILE) + ")\" VASTAI_RATE_LIMIT=off");
    out.println();
    out.println("Try:");
    out.println("  # rent an RTX 4090: the instance's gpu-worker registers here and the agent hears it ready");
    out.println("  ./vastai deploy --query 'gpu_name=RTX_4090 num_gpus=1' --max-price 1 --image vastmesh/gpu-worker --poll PT1S");
    out.println("  curl -s -H \"Authorization: Bearer " + admin + "\" " + registry + "/api/v1/vastai/registry");
    out.println("  ./vastai destroy instance <id>        # the worker unregisters and its process is gone");
    out.println("  # a light instance (one sleeping process, no worker): --image " + SimulatedFleet.STAND_IN_IMAGE);
    out.println();
    out.println("Events delivered to the agents:");
  }
}
