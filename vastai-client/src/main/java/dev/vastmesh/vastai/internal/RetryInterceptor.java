package dev.vastmesh.vastai.internal;

import dev.vastmesh.transport.Backoff;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Retries what Vast's own CLI retries: 429, 502, 503, 504 and connection failures, with capped
 * exponential back-off and jitter (the shared {@link Backoff}). Vast sends no Retry-After, so
 * the back-off is ours.
 */
public final class RetryInterceptor implements Interceptor {

  private static final Set<Integer> RETRIED = Set.of(429, 502, 503, 504);

  private final int attempts;
  private final Backoff backoff;

  public RetryInterceptor(int attempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
    this.attempts = attempts;
    this.backoff = new Backoff(initialBackoff, multiplier, maxBackoff);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    IOException lastFailure = null;
    for (int attempt = 1; ; attempt++) {
      Response response = null;
      try {
        response = chain.proceed(chain.request());
        if (!RETRIED.contains(response.code()) || attempt >= attempts) {
          return response;
        }
        response.close();
      } catch (InterruptedIOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw e;
        }
        lastFailure = e;
      } catch (IOException e) {
        lastFailure = e;
      }
      if (attempt >= attempts) {
        throw lastFailure;
      }
      sleep(backoff.delay(attempt).toMillis());
    }
  }

  private static void sleep(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while backing off");
    }
  }
}
