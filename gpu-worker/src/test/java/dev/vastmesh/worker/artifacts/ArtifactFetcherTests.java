package dev.vastmesh.worker.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules a fetch is held to before anything is downloaded. */
class ArtifactFetcherTests {

  static ArtifactsProperties config(ArtifactsProperties.Fetch... fetches) {
    return new ArtifactsProperties(List.of(fetches), new ArtifactsProperties.Push(null, null, "auto", Map.of(), Duration.ofSeconds(5)),
        new ArtifactsProperties.Store(URI.create("https://storage.example.com"), URI.create("http://127.0.0.1:9000"), "us-east-1"),
        2, Duration.ofMillis(1), Duration.ofSeconds(5));
  }

  static ModelLogLines noLog() {
    return new ModelLogLines("");
  }

  @Test
  void anS3SourceOnAVastInstanceIsRefusedBecauseKeysNeverGoThere() throws Exception {
    ArtifactFetcher fetcher = new ArtifactFetcher(config(new ArtifactsProperties.Fetch(null, "s3://bluefly-models/models/m.bin", "auto",
        "/tmp/models", null, null)), noLog(), HttpClient.newHttpClient(), Map.of("CONTAINER_ID", "77", "VAST_CONTAINERLABEL", "C.77"));
    assertThat(fetcher.fetchAll()).hasValue("artifact fetch[0] failed: vastmesh.worker.artifacts.fetch[0].source is an s3:// address, "
        + "which needs keys, and keys never go to a Vast instance: give a presigned URL instead (vastai storage presign)");
  }

  @Test
  void aPrivatePlaneOnTheWrongAddressIsNamedBySetting() throws Exception {
    ArtifactsProperties wrong = new ArtifactsProperties(List.of(new ArtifactsProperties.Fetch(null, "s3://b/k", "auto", "/tmp/x", null, null)),
        config().push(), new ArtifactsProperties.Store(null, URI.create("http://93.184.216.34:9000"), "us-east-1"), 1, Duration.ofMillis(1),
        Duration.ofSeconds(1));
    assertThat(new ArtifactFetcher(wrong, noLog(), HttpClient.newHttpClient(), Map.of()).fetchAll()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("artifact fetch[0] failed: vastmesh.worker.artifacts.store.private-endpoint is http://93.184.216.34:9000, a public address"));
  }

  @Test
  void aFetchNeedsExactlyOneSourceAndATarget() {
    assertThatThrownBy(() -> new ArtifactsProperties.Fetch(null, null, "auto", "/tmp", null, null))
        .hasMessage("each vastmesh.worker.artifacts.fetch[n] needs exactly one of url (a presigned URL) and source (s3://...)");
    assertThatThrownBy(() -> new ArtifactsProperties.Fetch("https://s/x?X-Amz-Signature=s", null, "auto", " ", null, null))
        .hasMessage("vastmesh.worker.artifacts.fetch[n].target (the directory to fetch into) is required");
    assertThatThrownBy(() -> new ArtifactsProperties.Fetch("https://s/x", null, "auto", "/tmp", null, "abc"))
        .hasMessage("vastmesh.worker.artifacts.fetch[n].sha256 must be 64 hex digits");
    assertThat(new ArtifactsProperties.Fetch("https://s/m/w.bin?X-Amz-Signature=s", null, "auto", "/tmp", null, null))
        .hasToString("Fetch[https://s/m/w.bin -> /tmp]");
  }
}
