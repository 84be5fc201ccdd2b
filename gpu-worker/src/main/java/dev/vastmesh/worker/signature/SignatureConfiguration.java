package dev.vastmesh.worker.signature;

import dev.vastmesh.transport.Backoff;
import dev.vastmesh.worker.config.ReportAddress;
import dev.vastmesh.worker.config.WorkerProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Fetches the autoscaler's public key at start-up: {@code GET {REPORT_ADDR}/pubkey/}, each address
 * in order, up to {@code pubkeyAttempts} rounds with doubling back-off from {@code pubkey-backoff}
 * (1, 2, 4, 8 s by default; jittered, event-transport's {@link Backoff}). Without the key the
 * worker cannot serve signed requests, so start-up fails (unless UNSECURED).
 */
@Configuration(proxyBeanMethods = false)
class SignatureConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SignatureConfiguration.class);

  @Bean
  RequestSignatures requestSignatures(WorkerProperties properties, HttpClient http,
      @Value("${vastmesh.worker.vast.pubkey-backoff:1s}") Duration backoff) throws InterruptedException {
    WorkerProperties.Vast vast = properties.vast();
    if (vast.unsecured()) {
      log.warn("UNSECURED: request signatures are not checked");
      return new RequestSignatures(null, vast.signatureMessage());
    }
    // Doubling without a cap of its own: the number of rounds bounds it.
    Backoff rounds = Backoff.exponential(backoff, backoff.multipliedBy(1L << Math.min(vast.pubkeyAttempts(), 30)));
    for (int attempt = 1; attempt <= vast.pubkeyAttempts(); attempt++) {
      for (URI address : vast.reportAddr()) {
        try {
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(ReportAddress.resolve(address, "pubkey/"))
              .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200 && response.body().contains("BEGIN PUBLIC KEY")) {
            log.info("autoscaler public key fetched from {}", address);
            return new RequestSignatures(response.body(), vast.signatureMessage());
          }
          log.warn("public key from {}: HTTP {}", address, response.statusCode());
        } catch (IOException e) {
          log.warn("public key from {} failed: {}", address, e.toString());
        }
      }
      if (attempt < vast.pubkeyAttempts()) {
        rounds.sleep(attempt, null);
      }
    }
    throw new IllegalStateException("could not fetch the autoscaler's public key from " + vast.reportAddr()
        + " (set UNSECURED=true to serve without signature checks)");
  }
}
