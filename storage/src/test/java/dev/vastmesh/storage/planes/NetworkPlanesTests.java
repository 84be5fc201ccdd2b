package dev.vastmesh.storage.planes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.storage.StorageException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plane rule: which address may serve which plane, and which plane code may use where it runs. */
class NetworkPlanesTests {

  static final NetworkPlanes.Settings SETTINGS = new NetworkPlanes.Settings("STORAGE_PUBLIC_ENDPOINT", "STORAGE_PRIVATE_ENDPOINT");
  static final URI PUBLIC = URI.create("https://storage.example.com");
  static final URI PRIVATE = URI.create("http://nas.tailnet-1234.ts.net:9000");

  // A fixed table instead of DNS: storage.example.com is public, nas.lan a LAN address.
  static final AddressKind.Resolver TABLE = host -> switch (host) {
    case "storage.example.com" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34})};
    case "nas.lan" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {(byte) 192, (byte) 168, 1, 20})};
    case "sneaky.example.com" -> new InetAddress[] {InetAddress.getByAddress(host, new byte[] {100, 100, 1, 2})};
    default -> throw new UnknownHostException(host);
  };

  static NetworkPlanes planes(@Nullable URI publicEndpoint, @Nullable URI privateEndpoint) {
    return NetworkPlanes.of(SETTINGS, publicEndpoint, privateEndpoint, TABLE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://100.101.102.103:9000", "http://nas.tailnet-1234.ts.net:9000", "http://[fd7a:115c:a1e0::53]:9000",
      "http://192.168.1.20:9000", "http://10.0.0.5", "http://172.20.1.1", "http://localhost:9000", "http://nas.lan:9000",
      "https://sneaky.example.com"})
  void aPrivateAddressAsThePublicEndpointIsAStartUpErrorNamingTheSetting(String endpoint) {
    assertThatThrownBy(() -> planes(URI.create(endpoint), PRIVATE))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.MISCONFIGURED))
        .hasMessageStartingWith("STORAGE_PUBLIC_ENDPOINT is " + endpoint + ", a ")
        .hasMessageContaining("the public plane must be reachable from the internet");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://storage.example.com", "http://93.184.216.34:9000", "http://[2606:4700::1111]", "https://unknown.example.org"})
  void aPublicAddressAsThePrivateEndpointIsAStartUpErrorNamingTheSetting(String endpoint) {
    assertThatThrownBy(() -> planes(PUBLIC, URI.create(endpoint)))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.MISCONFIGURED))
        .hasMessageStartingWith("STORAGE_PRIVATE_ENDPOINT is " + endpoint + ", ")
        .hasMessageContaining("the private plane must be a Tailscale address");
  }

  @Test
  void tailnetAndLanAddressesServeThePrivatePlane() {
    for (String ok : new String[] {"http://100.64.0.1:9000", "http://[fd7a:115c:a1e0:ab12::1]:9000", "http://nas.lan:9000", "http://127.0.0.1:9000"}) {
      assertThat(planes(PUBLIC, URI.create(ok)).privateEndpoint()).isEqualTo(URI.create(ok));
    }
  }

  @Test
  void aNonHttpEndpointIsRefused() {
    assertThatThrownBy(() -> planes(URI.create("ftp://storage.example.com"), null)).hasMessage(
        "STORAGE_PUBLIC_ENDPOINT must be an http(s) URL with a host, not ftp://storage.example.com");
  }

  @Test
  void aVastInstanceUsesOnlyThePublicPlane() {
    NetworkPlanes both = planes(PUBLIC, PRIVATE);
    assertThat(both.select(Placement.VAST_INSTANCE, PlaneChoice.AUTO)).isEqualTo(new NetworkPlanes.Selected(Plane.PUBLIC, PUBLIC));
    assertThat(both.select(Placement.VAST_INSTANCE, PlaneChoice.PUBLIC)).isEqualTo(new NetworkPlanes.Selected(Plane.PUBLIC, PUBLIC));
    assertThatThrownBy(() -> both.select(Placement.VAST_INSTANCE, PlaneChoice.PRIVATE))
        .hasMessage("the private plane is not allowed on a Vast instance: instances reach the store only through the public endpoint "
            + "(STORAGE_PUBLIC_ENDPOINT)");
    assertThatThrownBy(() -> planes(null, PRIVATE).select(Placement.VAST_INSTANCE, PlaneChoice.AUTO))
        .hasMessage("no public endpoint: set STORAGE_PUBLIC_ENDPOINT (a Vast instance reaches the store only through it)");
  }

  @Test
  void aLocalRunnerUsesThePrivatePlaneFirst() {
    assertThat(planes(PUBLIC, PRIVATE).select(Placement.LOCAL_RUNNER, PlaneChoice.AUTO)).isEqualTo(new NetworkPlanes.Selected(Plane.PRIVATE, PRIVATE));
    assertThat(planes(PUBLIC, null).select(Placement.LOCAL_RUNNER, PlaneChoice.AUTO)).isEqualTo(new NetworkPlanes.Selected(Plane.PUBLIC, PUBLIC));
    assertThat(planes(PUBLIC, PRIVATE).select(Placement.LOCAL_RUNNER, PlaneChoice.PUBLIC)).isEqualTo(new NetworkPlanes.Selected(Plane.PUBLIC, PUBLIC));
    assertThatThrownBy(() -> planes(PUBLIC, null).select(Placement.LOCAL_RUNNER, PlaneChoice.PRIVATE))
        .hasMessage("no private endpoint: set STORAGE_PRIVATE_ENDPOINT (the private plane was asked for)");
  }

  @Test
  void aVastContainerIsRecognisedFromItsEnvironment() {
    assertThat(Placement.detect(Map.of("CONTAINER_ID", "123456", "VAST_CONTAINERLABEL", "C.123456"))).isEqualTo(Placement.VAST_INSTANCE);
    assertThat(Placement.detect(Map.of("CONTAINER_ID", "123456", "PUBLIC_IPADDR", "203.0.113.7", "VAST_TCP_PORT_3000", "41234")))
        .isEqualTo(Placement.VAST_INSTANCE);
    assertThat(Placement.detect(Map.of("CONTAINER_ID", "123456", "CONTAINER_API_KEY", "k"))).isEqualTo(Placement.VAST_INSTANCE);
    // CONTAINER_ID alone (a Docker habit elsewhere) or Vast's markers without it: a local runner.
    assertThat(Placement.detect(Map.of("CONTAINER_ID", "abc"))).isEqualTo(Placement.LOCAL_RUNNER);
    assertThat(Placement.detect(Map.of("PUBLIC_IPADDR", "203.0.113.7"))).isEqualTo(Placement.LOCAL_RUNNER);
    assertThat(Placement.detect(Map.of())).isEqualTo(Placement.LOCAL_RUNNER);
  }

  @Test
  void choicesParseAndAnUnknownOneIsNamed() {
    assertThat(PlaneChoice.parse("Public")).isEqualTo(PlaneChoice.PUBLIC);
    assertThat(PlaneChoice.parse("auto")).isEqualTo(PlaneChoice.AUTO);
    assertThatThrownBy(() -> PlaneChoice.parse("tailnet")).hasMessage("plane must be public, private or auto, not tailnet");
  }
}
