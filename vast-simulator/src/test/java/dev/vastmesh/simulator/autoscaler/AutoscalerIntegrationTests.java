package dev.vastmesh.simulator.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.simulator.instances.InstanceService;
import dev.vastmesh.simulator.support.Admin;
import dev.vastmesh.simulator.support.Sim;
import dev.vastmesh.simulator.support.SimulatorTest;
import dev.vastmesh.testsupport.ServiceClient;
import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.model.CreateInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The simulator as the autoscaler of the workers it starts: an instance gets REPORT_ADDR and
 * MASTER_TOKEN, its worker reports itself loaded, and a client's route comes back with that
 * worker's URL and a signature the worker can check with the key from /pubkey/.
 */
@SimulatorTest
class AutoscalerIntegrationTests {

  @LocalServerPort
  int port;

  @Autowired
  InstanceService instances;

  @Test
  void aLoadedWorkerGetsSignedRequestsRoutedToIt() throws Exception {
    VastClient vast = Sim.client(port);
    long id = vast.createInstance(1, CreateInstance.of("sim/env", 10));
    Path envFile = instances.workDir().resolve("instance-" + id).resolve("env.txt");
    await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(envFile) && Files.readString(envFile).contains("MASTER_TOKEN="));
    Map<String, String> env = Arrays.stream(Files.readString(envFile).split("\n")).filter(l -> l.contains("="))
        .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> b));
    assertThat(env.get("REPORT_ADDR")).isEqualTo("http://127.0.0.1:" + port);
    String workerUrl = "http://" + env.get("PUBLIC_IPADDR") + ":" + env.get("VAST_TCP_PORT_3000");

    ServiceClient http = new Admin(port).http();
    ServiceClient.Response none = http.post("/route/", null, "{\"endpoint\":\"embed\",\"cost\":100}");
    assertThat(none.json().has("url")).as("no worker has reported yet").isFalse();
    String status = "{\"id\":" + id + ",\"mtoken\":\"%s\",\"version\":\"1.1.0\",\"loadtime\":2.5,\"cur_load\":0,\"error_msg\":\"\",\"url\":\""
        + workerUrl + "\"}";
    assertThat(http.post("/worker_status/", null, status.formatted("wrong")).status()).isEqualTo(401);
    assertThat(http.post("/worker_status/", null, status.formatted(env.get("MASTER_TOKEN"))).status()).isEqualTo(200);

    JsonNode route = http.post("/route/", null, "{\"endpoint\":\"embed\",\"cost\":100,\"request_idx\":7}").json();
    assertThat(route.get("url").asString()).isEqualTo(workerUrl);
    assertThat(route.get("request_idx").longValue()).isEqualTo(7);
    String pem = http.get("/pubkey/", "", null).body();
    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
        .decode(pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""))));
    Signature check = Signature.getInstance("SHA256withRSA");
    check.initVerify(key);
    check.update(("{\n    \"url\": \"" + workerUrl + "\"\n}").getBytes(StandardCharsets.UTF_8));
    assertThat(check.verify(Base64.getDecoder().decode(route.get("signature").asString()))).isTrue();

    assertThat(http.post("/delete_requests/", null, "{\"worker_id\":" + id + ",\"mtoken\":\"" + env.get("MASTER_TOKEN")
        + "\",\"requests\":[{\"request_idx\":7,\"success\":true,\"status\":\"Success\"}]}").status()).isEqualTo(200);
    vast.destroyInstance(id);
  }
}
