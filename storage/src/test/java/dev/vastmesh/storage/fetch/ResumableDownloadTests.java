package dev.vastmesh.storage.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.storage.S3Location;
import dev.vastmesh.storage.StorageClient;
import dev.vastmesh.storage.StorageException;
import dev.vastmesh.storage.StorageSettings;
import dev.vastmesh.storage.TransferProgress;
import dev.vastmesh.storage.testing.LocalS3;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resumable, checked downloads: against a server that breaks off mid-answer, and presigned URLs of a real S3 server. */
class ResumableDownloadTests {

  @TempDir
  Path dir;
  final ResumableDownload download = new ResumableDownload(HttpClient.newHttpClient(), 4, Duration.ofMillis(10), Duration.ofSeconds(20));
  final List<String> log = new CopyOnWriteArrayList<>();

  @Test
  void aBrokenAnswerIsResumedWithARangeRequestAndChecked() throws Exception {
    byte[] data = new byte[300_000];
    new Random(1).nextBytes(data);
    List<String> ranges = new CopyOnWriteArrayList<>();
    // A raw socket server, so the first answer can really be cut: it promises every byte, sends a
    // third and hangs up; later requests get the rest by their Range.
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          String head = readHead(socket.getInputStream());
          String range = head.lines().filter(l -> l.toLowerCase().startsWith("range:")).map(l -> l.substring(6).strip()).findFirst().orElse("none");
          ranges.add(range);
          OutputStream out = socket.getOutputStream();
          if (range.equals("none")) {
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + data.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data, 0, 100_000);
          } else {
            int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            out.write(("HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + from + "-" + (data.length - 1) + "/" + data.length
                + "\r\nContent-Length: " + (data.length - from) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data, from, data.length - from);
          }
          out.flush();
        } catch (IOException e) {
          // closed at the end of the test
        }
      }
    });
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/model.bin?X-Amz-Signature=secret");
      Path file = dir.resolve("models/model.bin");
      ResumableDownload.Result result = download.fetch(url, file, ResumableDownload.sha256Hex(data), log::add);
      assertThat(file).hasBinaryContent(data);
      assertThat(result.requests()).isEqualTo(2);
      assertThat(ranges).containsExactly("none", "bytes=100000-");
      assertThat(log).singleElement().satisfies(line -> assertThat(line).contains("100000 bytes kept").doesNotContain("secret"));
      assertThat(dir.resolve("models/model.bin.vastmesh-part")).doesNotExist();

      // Already there with the right digest: nothing is fetched.
      assertThat(download.fetch(url, file, ResumableDownload.sha256Hex(data), log::add).alreadyPresent()).isTrue();
      assertThat(ranges).hasSize(2);
    } finally {
      server.close();
    }
  }

  static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  @Test
  void aPresignedUrlResumesFromAPartialFileAndAWrongDigestOrSignatureIsFinal() throws Exception {
    try (LocalS3 s3 = LocalS3.start(dir.resolve("store"));
         StorageClient client = StorageClient.open(s3.endpoint(), StorageSettings.defaults(Map.of())
             .withKeys(new StorageSettings.Keys(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))) {
      s3.createBucket("bluefly-models");
      byte[] data = new byte[200_000];
      new Random(2).nextBytes(data);
      Path source = Files.write(dir.resolve("ckpt.bin"), data);
      S3Location object = S3Location.parse("s3://bluefly-models/checkpoints/ckpt.bin");
      client.upload(source, object, TransferProgress.NONE);
      URI url = client.presignGet(object, Duration.ofMinutes(5)).toURI();

      Path file = dir.resolve("out/ckpt.bin");
      Files.createDirectories(file.getParent());
      // What an interrupted earlier run left behind.
      Files.write(file.resolveSibling("ckpt.bin.vastmesh-part"), java.util.Arrays.copyOf(data, 50_000));
      ResumableDownload.Result result = download.fetch(url, file, ResumableDownload.sha256Hex(data), log::add);
      assertThat(file).hasBinaryContent(data);
      assertThat(result.bytes()).isEqualTo(200_000);

      assertThatThrownBy(() -> download.fetch(url, dir.resolve("other/ckpt.bin"), "00".repeat(32), log::add))
          .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.FAILED))
          .hasMessage("sha-256 of " + s3.endpoint() + "/bluefly-models/checkpoints/ckpt.bin is " + ResumableDownload.sha256Hex(data)
              + ", expected " + "00".repeat(32));
      assertThat(dir.resolve("other/ckpt.bin")).doesNotExist();

      URI forged = URI.create(url.toString().replaceAll("X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature=" + "0".repeat(64)));
      assertThatThrownBy(() -> download.fetch(forged, dir.resolve("forged.bin"), null, log::add))
          .hasMessage("GET " + s3.endpoint() + "/bluefly-models/checkpoints/ckpt.bin answered HTTP 403 (expired or not a valid presigned URL?)"
              + " (SignatureDoesNotMatch)")
          .hasMessageNotContaining("X-Amz");
    }
  }

  @Test
  void anUnreachableServerIsRetriedThenNamed() {
    URI url = URI.create("http://127.0.0.1:1/model.bin");
    assertThatThrownBy(() -> download.fetch(url, dir.resolve("m.bin"), null, log::add))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.UNREACHABLE))
        .hasMessageStartingWith("GET http://127.0.0.1:1/model.bin failed 4 times, last: ");
    assertThat(log).hasSize(3);
  }
}
