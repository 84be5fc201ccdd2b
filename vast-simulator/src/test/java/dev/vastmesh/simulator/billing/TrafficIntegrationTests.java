package dev.vastmesh.simulator.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.simulator.instances.InstanceService;
import dev.vastmesh.simulator.support.Admin;
import dev.vastmesh.simulator.support.Sim;
import dev.vastmesh.simulator.support.SimulatorTest;
import dev.vastmesh.testsupport.ServiceClient;
import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.model.CreateInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The traffic the simulator measures itself: a worker's reports to its autoscaler (here, the
 * simulator) are the instance's upload, their answers its download, booked on the instance the
 * report names.
 */
@SimulatorTest
class TrafficIntegrationTests {

  private static final Offset<Double> BYTE = Offset.offset(0.5e-9);

  @LocalServerPort
  int port;

  @Autowired
  InstanceService service;

  @Test
  void aWorkersReportsToItsAutoscalerAreBookedAsItsTraffic() throws Exception {
    VastClient vast = Sim.client(port);
    Admin admin = new Admin(port);
    long id = vast.createInstance(1, CreateInstance.of("sim/env", 10));
    try {
      Path envFile = service.workDir().resolve("instance-" + id).resolve("env.txt");
      await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(envFile) && Files.readString(envFile).contains("MASTER_TOKEN="));
      Map<String, String> env = Files.readAllLines(envFile).stream().filter(l -> l.contains("="))
          .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> b));
      assertThat(totals(admin, id)).as("nothing measured before the first report").containsExactly(0.0, 0.0);

      String report = "{\"id\":" + id + ",\"mtoken\":\"" + env.get("MASTER_TOKEN")
          + "\",\"version\":\"1.1.0\",\"loadtime\":0,\"cur_load\":0,\"error_msg\":\"\",\"url\":\"\"}";
      HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(env.get("REPORT_ADDR") + "/worker_status/"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(report)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(200);

      double[] measured = totals(admin, id);
      assertThat(measured[0]).as("the answer, downloaded").isCloseTo(answer.body().getBytes(StandardCharsets.UTF_8).length / 1e9, BYTE);
      assertThat(measured[1]).as("the report, uploaded").isCloseTo(report.getBytes(StandardCharsets.UTF_8).length / 1e9, BYTE);
    } finally {
      vast.destroyInstance(id);
    }
  }

  /** GB down and up booked on the instance so far (adding none). */
  private static double[] totals(Admin admin, long id) {
    ServiceClient.Response response = admin.send("POST", "/admin/v1/instances/{id}/traffic", Sim.ADMIN, "{\"down_gb\":0,\"up_gb\":0}", id);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return new double[] {response.json().get("down_gb").doubleValue(), response.json().get("up_gb").doubleValue()};
  }
}
