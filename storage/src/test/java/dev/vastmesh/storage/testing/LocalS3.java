package dev.vastmesh.storage.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import static org.awaitility.Awaitility.await;

/**
 * A real S3 server in the test JVM: s3proxy on a port the OS picks, over a filesystem blob store
 * in a directory, with AWS V4 signatures checked against one key pair. Stopping it and starting
 * another on the same directory keeps the objects (for interrupted-transfer tests).
 */
public final class LocalS3 implements AutoCloseable {

  public static final String ACCESS_KEY = "test-access-key";
  public static final String SECRET_KEY = "test-secret-key-0123456789";

  private final Path directory;
  private final S3Proxy proxy;
  private final BlobStoreContext context;

  private LocalS3(Path directory) throws Exception {
    this.directory = directory;
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", directory.toString());
    context = ContextBuilder.newBuilder("filesystem").credentials("identity", "credential").overrides(properties)
        .build(BlobStoreContext.class);
    proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        // The SDK's multipart client sends x-amz-mp-object-size, which s3proxy refuses (501) unless told to ignore it.
        .ignoreUnknownHeaders(true).build();
    proxy.start();
    await().atMost(Duration.ofSeconds(30)).until(() -> "STARTED".equals(proxy.getState()));
  }

  /** Starts a server keeping its objects under {@code directory}. */
  public static LocalS3 start(Path directory) {
    try {
      Files.createDirectories(directory);
      return new LocalS3(directory);
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not start", e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  public Path directory() {
    return directory;
  }

  public void createBucket(String bucket) {
    context.getBlobStore().createContainerInLocation(null, bucket);
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not stop", e);
    } finally {
      context.close();
    }
  }
}
