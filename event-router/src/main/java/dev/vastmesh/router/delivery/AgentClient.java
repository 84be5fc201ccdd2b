package dev.vastmesh.router.delivery;

import dev.vastmesh.events.StandardWebhooks;
import dev.vastmesh.router.routing.Agent;
import dev.vastmesh.transport.RetryAfter;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs one signed delivery to its agent, over a pool of kept-alive connections as large as the
 * agent's concurrency (Apache HttpClient: measured faster per exchange than the JDK client on
 * the delivery path, docs/performance-log/event-router.md). No automatic retries: retrying is the dispatcher's
 * job, with backoff and the circuit breaker.
 */
final class AgentClient implements AutoCloseable {

  private static final ContentType CLOUDEVENTS = ContentType.create("application/cloudevents+json");

  private final CloseableHttpClient http;
  private final StandardWebhooks signer;
  private final Agent agent;
  private final Clock clock;

  AgentClient(Agent agent, Clock clock) {
    this.agent = agent;
    this.signer = StandardWebhooks.forSecret(agent.secret());
    this.clock = clock;
    int connections = Math.max(1, agent.config().concurrency());
    this.http = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
            .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(5, TimeUnit.SECONDS)
                .setValidateAfterInactivity(Timeout.ofSeconds(2)).build())
            .build())
        .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement().disableContentCompression()
        .setDefaultRequestConfig(RequestConfig.custom()
            .setResponseTimeout(Timeout.ofMilliseconds(agent.config().timeout().toMillis())).build())
        .build();
  }

  AttemptResult post(Delivery delivery) throws InterruptedException {
    long timestamp = clock.instant().getEpochSecond();
    HttpPost request = new HttpPost(agent.config().url());
    request.setHeader(StandardWebhooks.ID, delivery.id());
    request.setHeader(StandardWebhooks.TIMESTAMP, Long.toString(timestamp));
    request.setHeader(StandardWebhooks.SIGNATURE, signer.sign(delivery.id(), timestamp, delivery.json()));
    request.setEntity(new ByteArrayEntity(delivery.json(), CLOUDEVENTS));
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException();
    }
    try {
      return http.execute(request, response -> {
        // Read the answer to its end, so the connection goes back to the pool.
        EntityUtils.consume(response.getEntity());
        Header retryAfter = response.getFirstHeader("Retry-After");
        return new AttemptResult(response.getCode(), null, retryAfter == null ? null : RetryAfter.parse(retryAfter.getValue(), clock));
      });
    } catch (IOException e) {
      return new AttemptResult(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), null);
    }
  }

  @Override
  public void close() {
    http.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
  }
}
