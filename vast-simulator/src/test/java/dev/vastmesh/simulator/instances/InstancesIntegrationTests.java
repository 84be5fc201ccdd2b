package dev.vastmesh.simulator.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vastmesh.simulator.support.Sim;
import dev.vastmesh.simulator.support.SimulatorTest;
import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.VastException;
import dev.vastmesh.vastai.model.CreateInstance;
import dev.vastmesh.vastai.model.Instance;
import dev.vastmesh.vastai.search.OfferSearch;
import dev.vastmesh.vastai.search.RentalKind;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The instance calls, through the fleet's own client, with real processes behind them. */
@SimulatorTest
class InstancesIntegrationTests {

  @LocalServerPort
  int port;

  private final List<Long> created = new ArrayList<>();

  private VastClient vast() {
    return Sim.client(port);
  }

  private long rent(long offer, CreateInstance request) {
    long id = vast().createInstance(offer, request);
    created.add(id);
    return id;
  }

  @AfterEach
  void destroyWhatWasRented() {
    for (long id : created) {
      try {
        vast().destroyInstance(id);
      } catch (VastException.NotFound gone) {
        // the test destroyed it
      }
    }
  }

  private Instance awaitStatus(long id, String status) {
    return await().atMost(Duration.ofSeconds(15)).until(() -> vast().showInstance(id).orElseThrow(),
        i -> status.equals(i.actualStatus()));
  }

  @Test
  void searchFindsOffersWithTheClientsQueryLanguage() {
    var offers = vast().searchOffers(OfferSearch.parse("gpu_name=RTX_4090 reliability>0.99").orderBy("dph+"));
    assertThat(offers).extracting(o -> o.id()).containsExactly(1L);
    var bids = vast().searchOffers(OfferSearch.parse("num_gpus>=1").type(RentalKind.INTERRUPTIBLE).orderBy("dph+"));
    assertThat(bids).extracting(o -> o.id()).as("the unverified offer 4 is left out by the default filters").containsExactly(2L, 1L, 3L);
    assertThat(bids.getFirst().dphBase()).isEqualTo(0.15);
  }

  @Test
  void aWrongKeyIsRefusedAsVastRefusesIt() {
    assertThatThrownBy(() -> Sim.client(port, "not-a-key").listInstances())
        .isInstanceOfSatisfying(VastException.Authentication.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  @Test
  void anInstanceBootsThroughLoadingIntoARunningProcessWithVastsEnvironment() throws Exception {
    long id = rent(1, CreateInstance.of("sim/env", 16).withEnv(Map.of("MODEL_NAME", "Qwen/Qwen3-8B", "-p 8080:8080", "1"))
        .withLabel("w1").withOnstart("echo started > onstart.txt"));
    Set<String> messages = new HashSet<>();
    Instance running = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(5)).until(() -> {
      Instance seen = vast().showInstance(id).orElseThrow();
      if ("loading".equals(seen.actualStatus())) {
        messages.add(seen.statusMsg());
      }
      return seen;
    }, i -> "running".equals(i.actualStatus()));
    assertThat(messages).as("loading shows a changing status_msg").hasSizeGreaterThanOrEqualTo(2);
    assertThat(running.label()).isEqualTo("w1");
    assertThat(running.isBid()).isFalse();
    assertThat(running.gpuName()).isEqualTo("RTX 4090");
    assertThat(running.dphTotal()).isEqualTo(0.40 + 0.15 * 16 / 720, org.assertj.core.data.Offset.offset(1e-9));
    String hostPort = running.hostPort("3000/tcp");
    assertThat(hostPort).isNotNull();
    assertThat(running.hostPort("8080/tcp")).isNotNull().isNotEqualTo(hostPort);
    try (ServerSocket free = new ServerSocket(Integer.parseInt(hostPort))) {
      assertThat(free.getLocalPort()).as("the mapped port is free for the container to listen on").isPositive();
    }

    Path dir = service.workDir().resolve("instance-" + id);
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("env.txt")) && Files.exists(dir.resolve("onstart.txt")));
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(dir.resolve("env.txt")).contains("VAST_TCP_PORT_8080="));
    String env = Files.readString(dir.resolve("env.txt"));
    assertThat(env).contains("CONTAINER_ID=" + id, "PUBLIC_IPADDR=127.0.0.1", "VAST_TCP_PORT_3000=" + hostPort,
        "MODEL_NAME=Qwen/Qwen3-8B").doesNotContain("-p 8080");
  }

  @Autowired
  InstanceService service;

  @Test
  void destroyKillsTheWholeProcessTree() {
    long id = rent(1, CreateInstance.of("sim/stand-in", 10).withOnstart("sleep 6011 & sleep 6012"));
    awaitStatus(id, "running");
    await().atMost(Duration.ofSeconds(5)).until(() -> Sim.processes("sleep 6011") == 1 && Sim.processes("sleep 6012") == 1);
    vast().destroyInstance(id);
    assertThat(vast().showInstance(id)).isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> Sim.processes("sleep 601") == 0);
  }

  @Test
  void stopEndsTheProcessAndStartBringsItBack() {
    long id = rent(2, CreateInstance.of("sim/stand-in", 10).withOnstart("sleep 6021"));
    awaitStatus(id, "running");
    vast().stopInstance(id);
    Instance stopped = vast().showInstance(id).orElseThrow();
    assertThat(stopped.actualStatus()).isEqualTo("stopped");
    assertThat(stopped.intendedStatus()).isEqualTo("stopped");
    assertThat(stopped.ports()).isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> Sim.processes("sleep 6021") == 0);
    vast().startInstance(id);
    awaitStatus(id, "running");
    await().atMost(Duration.ofSeconds(5)).until(() -> Sim.processes("sleep 6021") == 1);
    vast().rebootInstance(id);
    assertThat(vast().showInstance(id).orElseThrow().actualStatus()).isEqualTo("rebooting");
    awaitStatus(id, "running");
    vast().labelInstance(id, "renamed");
    assertThat(vast().showInstance(id).orElseThrow().label()).isEqualTo("renamed");
  }

  @Test
  void aContainerThatEndsShowsExited() {
    long id = rent(1, CreateInstance.of("sim/short", 10));
    Instance exited = awaitStatus(id, "exited");
    assertThat(exited.terminal()).isTrue();
    assertThat(exited.statusMsg()).contains("code 3");
  }

  @Test
  void theListPagesWithNextToken() {
    int before = vast().listInstances().size();
    for (int i = 0; i < 27; i++) {
      rent(4, CreateInstance.of("sim/stand-in", 10).withLabel("page-" + i));
    }
    List<Instance> all = vast().listInstances();
    assertThat(all).hasSize(before + 27);
    assertThat(all).extracting(Instance::id).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void anotherAccountsInstanceIsNotFound() {
    long id = rent(1, CreateInstance.of("sim/stand-in", 10));
    VastClient other = Sim.client(port, Sim.OTHER_KEY);
    assertThat(other.showInstance(id)).isEmpty();
    assertThat(other.listInstances()).extracting(Instance::id).doesNotContain(id);
    assertThatThrownBy(() -> other.destroyInstance(id)).isInstanceOf(VastException.NotFound.class);
    assertThatThrownBy(() -> other.stopInstance(id)).isInstanceOf(VastException.NotFound.class);
    assertThat(vast().showInstance(id)).isPresent();
  }

  @Test
  void anUnknownOfferIsUnavailableAndATakenOneToo() {
    assertThatThrownBy(() -> vast().createInstance(999, CreateInstance.of("sim/stand-in", 10)))
        .isInstanceOfSatisfying(VastException.OfferUnavailable.class, e -> assertThat(e.status()).isEqualTo(404));
    rent(3, CreateInstance.of("sim/stand-in", 10));
    assertThatThrownBy(() -> vast().createInstance(3, CreateInstance.of("sim/stand-in", 10)))
        .isInstanceOfSatisfying(VastException.OfferUnavailable.class, e -> assertThat(e.status()).isEqualTo(410));
  }
}
