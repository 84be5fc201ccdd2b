package dev.vastmesh.worker.serving;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The worker's connection to the model server: a pool of kept-alive HTTP/1.1 connections, as
 * large as the number of requests the worker may forward at once, with no retries (a POST to a
 * model is not idempotent) and no compression or redirects (the answer passes through as is).
 */
public final class ModelServer implements AutoCloseable {

  /**
   * An answer being received; its body is read as it arrives, and closing it abandons the rest.
   *
   * @param contentLength the body's declared length, or -1 when it has none (chunked, or ended by
   *     the connection closing)
   */
  public record Answer(int status, @Nullable String contentType, boolean chunked, long contentLength, InputStream body,
      ClassicHttpResponse response, HttpPost request) implements AutoCloseable {

    /**
     * Drops the connection instead of reading the rest of the answer (which closing alone would
     * do, to reuse the connection): the model server sees its client go and can stop generating.
     */
    public void abandon() {
      request.cancel();
    }

    /** Releases the connection; a failure here (an abandoned or broken connection) changes nothing for the caller. */
    @Override
    public void close() {
      try {
        response.close();
      } catch (IOException e) {
        // The connection is discarded either way.
      }
    }
  }

  private static final int MAX_CACHED_TARGETS = 256;

  private final URI base;
  private final CloseableHttpClient http;
  /**
   * Resolved once per path. The routes are configured, but a session's close callback path comes
   * from its client, so the cache is bounded.
   */
  private final Map<String, URI> targets = new ConcurrentHashMap<>();

  public ModelServer(URI base, int maxConnections) {
    this.base = base;
    PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
        .setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections)
        // One lock per route instead of one for the pool: every request leases and releases.
        .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(5, TimeUnit.SECONDS)
            .setValidateAfterInactivity(Timeout.ofSeconds(2)).build())
        .build();
    this.http = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries().disableRedirectHandling()
        .disableContentCompression().disableCookieManagement()
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.DISABLED).build()).build();
  }

  /** POSTs {@code body} as JSON to {@code path}; the caller must close the answer. */
  public Answer post(String path, byte[] body) throws IOException {
    URI target = targets.get(path);
    if (target == null) {
      target = base.resolve(path);
      if (targets.size() < MAX_CACHED_TARGETS) {
        targets.put(path, target);
      }
    }
    HttpPost post = new HttpPost(target);
    post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
    ClassicHttpResponse response = http.executeOpen(null, post, null);
    HttpEntity entity = response.getEntity();
    Header type = response.getFirstHeader("Content-Type");
    boolean chunked = entity != null && entity.isChunked();
    InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
    long length = entity == null ? 0 : entity.getContentLength();
    return new Answer(response.getCode(), type == null ? null : type.getValue().toLowerCase(Locale.ROOT).strip(), chunked, length, in,
        response, post);
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
