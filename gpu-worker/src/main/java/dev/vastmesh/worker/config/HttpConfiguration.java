package dev.vastmesh.worker.config;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One HTTP client for the worker's own calls — autoscaler reports, the public key, the registry,
 * the gateway, the model server's health check and benchmark — instead of one per component
 * (each JDK client runs its own selector thread). Requests set their own timeouts. The serving
 * path has its own pooled client ({@code ModelServer}).
 */
@Configuration(proxyBeanMethods = false)
public class HttpConfiguration {

  @Bean
  HttpClient workerHttpClient() {
    // HTTP/1.1: every peer is a plain-HTTP or TLS HTTP/1.1 service; no h2c upgrade attempt per call.
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }
}
