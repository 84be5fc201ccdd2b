package dev.vastmesh.storage.fetch;

import dev.vastmesh.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Downloads one URL (typically a presigned GET) to a file: into {@code <file>.vastmesh-part}
 * first, resumed after a broken connection with {@code Range: bytes=<have>-}, retried with
 * doubling back-off on connection failures and 5xx, then checked against the expected SHA-256
 * and moved into place. A 4xx other than 416 is final (an expired or wrong URL does not heal).
 * Each request is bounded as a whole by the request timeout. The URL's query — a presigned URL's
 * signature — is never in a message.
 */
public final class ResumableDownload {

  /** What was fetched: the final file, its size and digest, and how many requests it took. */
  public record Result(Path file, long bytes, String sha256, int requests, boolean alreadyPresent) {
  }

  private static final Pattern ERROR_CODE = Pattern.compile("<Code>([A-Za-z0-9]{1,64})</Code>");

  private final HttpClient http;
  private final int attempts;
  private final Duration firstBackoff;
  private final Duration requestTimeout;

  public ResumableDownload(HttpClient http, int attempts, Duration firstBackoff, Duration requestTimeout) {
    this.http = http;
    this.attempts = attempts;
    this.firstBackoff = firstBackoff;
    this.requestTimeout = requestTimeout;
  }

  public Result fetch(URI url, Path file, @Nullable String expectedSha256, Consumer<String> log) throws InterruptedException {
    String expected = expectedSha256 == null || expectedSha256.isBlank() ? null : expectedSha256.strip().toLowerCase(Locale.ROOT);
    String where = redact(url);
    try {
      if (expected != null && Files.isRegularFile(file) && expected.equals(sha256(file))) {
        return new Result(file, Files.size(file), expected, 0, true);
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw failed("cannot write " + file + ": " + e.getMessage(), e);
    }
    Path partial = file.resolveSibling(file.getFileName() + ".vastmesh-part");
    Duration backoff = firstBackoff;
    String lastProblem = "";
    for (int request = 1; request <= attempts; request++) {
      try {
        long have = Files.exists(partial) ? Files.size(partial) : 0;
        HttpRequest.Builder get = HttpRequest.newBuilder(url).GET();
        if (have > 0) {
          get.header("Range", "bytes=" + have + "-");
        }
        AtomicReference<String> errorBody = new AtomicReference<>("");
        HttpResponse<Path> response = exchange(get.build(), partial, errorBody);
        int status = response.statusCode();
        boolean complete = switch (status) {
          case 200 -> true;
          case 206 -> {
            if (!response.headers().firstValue("Content-Range").orElse("").startsWith("bytes " + have + "-")) {
              Files.deleteIfExists(partial);
              throw new IOException("the server resumed at another offset than " + have);
            }
            yield true;
          }
          // The part already holds every byte: only the check is left.
          case 416 -> have > 0;
          default -> {
            if (status >= 400 && status < 500) {
              throw failed("GET " + where + " answered HTTP " + status + (status == 403 ? " (expired or not a valid presigned URL?)" : "")
                  + errorCode(errorBody.get()), null);
            }
            throw new IOException("HTTP " + status);
          }
        };
        if (!complete) {
          throw new IOException("the answer ended early");
        }
        String actual = sha256(partial);
        if (expected != null && !expected.equals(actual)) {
          Files.deleteIfExists(partial);
          throw failed("sha-256 of " + where + " is " + actual + ", expected " + expected, null);
        }
        long size = Files.size(partial);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Result(file, size, actual, request, false);
      } catch (IOException e) {
        lastProblem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (request < attempts) {
          long have = partialSize(partial);
          log.accept("GET " + where + " broke off (" + lastProblem + "), " + have + " bytes kept; retrying in " + backoff.toMillis() + " ms");
          Thread.sleep(backoff.toMillis());
          backoff = backoff.multipliedBy(2);
        }
      }
    }
    throw new StorageException(StorageException.Kind.UNREACHABLE, "GET " + where + " failed " + attempts + " times, last: " + lastProblem);
  }

  /**
   * One GET, its body written to the part file as it arrives: appended for 206, from the start for
   * 200, dropped otherwise. Bounded by the request timeout as a whole — the JDK client has no read
   * timeout, and a stalled body would otherwise hang — what arrived before stays for the next try.
   */
  private HttpResponse<Path> exchange(HttpRequest request, Path partial, AtomicReference<String> errorBody)
      throws IOException, InterruptedException {
    HttpResponse.BodyHandler<Path> handler = info -> switch (info.statusCode()) {
      case 206 -> HttpResponse.BodySubscribers.ofFile(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      case 200 -> HttpResponse.BodySubscribers.ofFile(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      default -> HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), body -> {
        errorBody.set(body);
        return partial;
      });
    };
    CompletableFuture<HttpResponse<Path>> pending = http.sendAsync(request, handler);
    try {
      return pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new IOException("no complete answer within " + requestTimeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause), cause);
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    }
  }

  /** scheme://host/path only: the query of a presigned URL is a credential. */
  public static String redact(URI url) {
    return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  /** The lower-case hex SHA-256 of some bytes (what {@code sha256sum} prints). */
  public static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** S3's error code from an XML error answer ({@code <Code>SignatureDoesNotMatch</Code>}), if there is one. */
  private static String errorCode(String body) {
    Matcher code = ERROR_CODE.matcher(body);
    return code.find() ? " (" + code.group(1) + ")" : "";
  }

  private static long partialSize(Path partial) {
    try {
      return Files.exists(partial) ? Files.size(partial) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static StorageException failed(String message, @Nullable Throwable cause) {
    return cause == null ? new StorageException(StorageException.Kind.FAILED, message)
        : new StorageException(StorageException.Kind.FAILED, message, cause);
  }
}
