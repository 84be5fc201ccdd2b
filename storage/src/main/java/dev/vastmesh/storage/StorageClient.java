package dev.vastmesh.storage;

import dev.vastmesh.storage.internal.ProgressListener;
import dev.vastmesh.storage.internal.S3Errors;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedDirectoryUpload;
import software.amazon.awssdk.transfer.s3.model.CompletedDirectoryDownload;

/**
 * One S3-compatible endpoint (after the plane rule chose it): listing, single and multipart
 * transfers of files and directories through the SDK's transfer manager, presigned URLs.
 * Checksums are computed and validated only where S3 requires them: since SDK 2.30 the default
 * adds CRC trailers and checksum-mode headers that MinIO versions and other S3-compatible stores
 * reject or mis-sign. Every failure is a {@link StorageException}.
 */
public final class StorageClient implements AutoCloseable {

  private final URI endpoint;
  private final StorageSettings settings;
  private final S3AsyncClient s3;
  private final S3TransferManager transfers;
  private final S3Presigner presigner;
  private final SdkEventLoopGroup eventLoops;

  private StorageClient(URI endpoint, StorageSettings settings) {
    this.endpoint = endpoint;
    this.settings = settings;
    // Ours, not the SDK's: the SDK closes its own group with Netty's 2 s quiet period, which a
    // CLI command would spend waiting after its work is done.
    this.eventLoops = SdkEventLoopGroup.builder().build();
    this.s3 = S3AsyncClient.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(settings.pathStyle())
        .region(Region.of(settings.region()))
        .credentialsProvider(settings.credentials())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .multipartEnabled(true)
        .multipartConfiguration(m -> m.thresholdInBytes(settings.multipartThreshold()).minimumPartSizeInBytes(settings.partSize()))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().eventLoopGroup(eventLoops).maxConcurrency(settings.maxConcurrency())
            .connectionAcquisitionTimeout(settings.callTimeout()))
        .overrideConfiguration(o -> o.apiCallAttemptTimeout(settings.callTimeout()))
        .build();
    this.transfers = S3TransferManager.builder().s3Client(s3).build();
    this.presigner = S3Presigner.builder()
        .endpointOverride(endpoint)
        .region(Region.of(settings.region()))
        .credentialsProvider(settings.credentials())
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build())
        .build();
  }

  public static StorageClient open(URI endpoint, StorageSettings settings) {
    return new StorageClient(endpoint, settings);
  }

  public URI endpoint() {
    return endpoint;
  }

  public StorageSettings settings() {
    return settings;
  }

  /** The objects under a prefix; without {@code recursive}, deeper keys fold into directory entries. */
  public List<ObjectInfo> list(S3Location location, boolean recursive) {
    List<ObjectInfo> entries = new ArrayList<>();
    ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(location.bucket()).prefix(location.key());
    if (!recursive) {
      request.delimiter("/");
    }
    try {
      s3.listObjectsV2Paginator(request.build()).subscribe(page -> {
        page.commonPrefixes().forEach(p -> entries.add(new ObjectInfo(p.prefix(), 0, java.time.Instant.EPOCH, true)));
        // Some stores (file-system backed ones) list directories as "dir/" objects: markers, not files.
        page.contents().stream().filter(o -> !o.key().endsWith("/"))
            .forEach(o -> entries.add(new ObjectInfo(o.key(), o.size(), o.lastModified(), false)));
      }).join();
    } catch (RuntimeException e) {
      throw S3Errors.translate(e, endpoint, location.bucket(), "listing " + location);
    }
    return entries;
  }

  /** The object's size and time, or empty when there is none (a missing bucket is an error). */
  public Optional<ObjectInfo> head(S3Location location) {
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(location.bucket()).key(location.key())).join();
      return Optional.of(new ObjectInfo(location.key(), head.contentLength(), head.lastModified(), false));
    } catch (RuntimeException e) {
      if (S3Errors.unwrap(e) instanceof S3Exception s3e && s3e.statusCode() == 404) {
        requireBucket(location.bucket());
        return Optional.empty();
      }
      throw S3Errors.translate(e, endpoint, location.bucket(), "reading " + location);
    }
  }

  /** Fails with {@link StorageException.Kind#NO_SUCH_BUCKET} (or an access error) unless the bucket is there. */
  public void requireBucket(String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket)).join();
    } catch (RuntimeException e) {
      if (S3Errors.unwrap(e) instanceof S3Exception s3e && s3e.statusCode() == 404) {
        throw S3Errors.noSuchBucket(endpoint, bucket);
      }
      throw S3Errors.translate(e, endpoint, bucket, "checking bucket " + bucket);
    }
  }

  public CompletableFuture<Void> uploadAsync(Path file, S3Location target, TransferProgress progress) {
    return transfers.uploadFile(u -> u.source(file).putObjectRequest(p -> p.bucket(target.bucket()).key(target.key()))
            .addTransferListener(new ProgressListener(target.key(), progress)))
        .completionFuture()
        .handle((done, failure) -> {
          if (failure != null) {
            throw S3Errors.translate(failure, endpoint, target.bucket(), "uploading " + file + " to " + target);
          }
          return null;
        });
  }

  /** Downloads to {@code file} (through a temporary sibling) and gives it the object's modification time. */
  public CompletableFuture<Void> downloadAsync(S3Location source, Path file, TransferProgress progress) {
    Path partial = file.resolveSibling(file.getFileName() + ".vastmesh-part");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(partial);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(new StorageException(StorageException.Kind.FAILED, "cannot write " + file + ": " + e.getMessage(), e));
    }
    return transfers.downloadFile(d -> d.destination(partial).getObjectRequest(g -> g.bucket(source.bucket()).key(source.key()))
            .addTransferListener(new ProgressListener(source.key(), progress)))
        .completionFuture()
        .handle((done, failure) -> {
          if (failure != null) {
            deleteQuietly(partial);
            throw S3Errors.translate(failure, endpoint, source.bucket(), "downloading " + source);
          }
          try {
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.setLastModifiedTime(file, FileTime.from(done.response().lastModified()));
          } catch (IOException e) {
            throw new StorageException(StorageException.Kind.FAILED, "cannot write " + file + ": " + e.getMessage(), e);
          }
          return null;
        });
  }

  public void upload(Path file, S3Location target, TransferProgress progress) {
    join(uploadAsync(file, target, progress));
  }

  public void download(S3Location source, Path file, TransferProgress progress) {
    join(downloadAsync(source, file, progress));
  }

  /** Every regular file under {@code directory}, keys relative to it under {@code target}'s prefix. */
  public void uploadDirectory(Path directory, S3Location target, TransferProgress progress) {
    String prefix = target.prefix().endsWith("/") ? target.prefix().substring(0, target.prefix().length() - 1) : target.prefix();
    CompletedDirectoryUpload done;
    try {
      done = transfers.uploadDirectory(u -> u.source(directory).bucket(target.bucket()).s3Prefix(prefix)
          .uploadFileRequestTransformer(f -> f.addTransferListener(new ProgressListener(f.build().putObjectRequest().key(), progress))))
          .completionFuture().join();
    } catch (RuntimeException e) {
      throw S3Errors.translate(e, endpoint, target.bucket(), "uploading " + directory + " to " + target);
    }
    if (!done.failedTransfers().isEmpty()) {
      var first = done.failedTransfers().getFirst();
      throw S3Errors.translate(first.exception(), endpoint, target.bucket(), done.failedTransfers().size()
          + " file(s) failed, the first " + first.request().source() + " to " + target);
    }
  }

  /** Every object under {@code source}'s prefix into {@code directory}, keeping the relative paths. */
  public void downloadDirectory(S3Location source, Path directory, TransferProgress progress) {
    requireBucket(source.bucket());
    CompletedDirectoryDownload done;
    try {
      done = transfers.downloadDirectory(d -> d.destination(directory).bucket(source.bucket())
          .listObjectsV2RequestTransformer(l -> l.prefix(source.prefix()))
          .filter(o -> !o.key().endsWith("/"))
          .downloadFileRequestTransformer(f -> f.addTransferListener(new ProgressListener(f.build().getObjectRequest().key(), progress))))
          .completionFuture().join();
    } catch (RuntimeException e) {
      throw S3Errors.translate(e, endpoint, source.bucket(), "downloading " + source + " to " + directory);
    }
    if (!done.failedTransfers().isEmpty()) {
      var first = done.failedTransfers().getFirst();
      throw S3Errors.translate(first.exception(), endpoint, source.bucket(), done.failedTransfers().size()
          + " object(s) failed, the first " + first.request().getObjectRequest().key());
    }
  }

  public CompletableFuture<Void> deleteAsync(S3Location location) {
    return s3.deleteObject(d -> d.bucket(location.bucket()).key(location.key())).handle((done, failure) -> {
      if (failure != null) {
        throw S3Errors.translate(failure, endpoint, location.bucket(), "deleting " + location);
      }
      return null;
    });
  }

  /** A URL that lets its holder GET this one object until it expires, with no credentials. */
  public URL presignGet(S3Location location, Duration expiry) {
    return presigner.presignGetObject(p -> p.signatureDuration(expiry)
        .getObjectRequest(g -> g.bucket(location.bucket()).key(location.key()))).url();
  }

  /** A URL that lets its holder PUT this one object (a single request, up to 5 GiB) until it expires. */
  public URL presignPut(S3Location location, Duration expiry) {
    return presigner.presignPutObject(p -> p.signatureDuration(expiry)
        .putObjectRequest(g -> g.bucket(location.bucket()).key(location.key()))).url();
  }

  static void join(CompletableFuture<?> future) {
    try {
      future.join();
    } catch (RuntimeException e) {
      Throwable cause = S3Errors.unwrap(e);
      throw cause instanceof StorageException storage ? storage : new StorageException(StorageException.Kind.FAILED, cause.toString(), cause);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // The download failed already; a leftover temporary file is overwritten next time.
    }
  }

  @Override
  public void close() {
    transfers.close();
    presigner.close();
    s3.close();
    // Every request has settled: no quiet period is needed.
    eventLoops.eventLoopGroup().shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
