package dev.vastmesh.vastai.deploy;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventFactory;
import dev.vastmesh.events.EventOptions;
import dev.vastmesh.events.StandardWebhooks;
import dev.vastmesh.events.payload.DeploymentCompleted;
import dev.vastmesh.events.payload.DeploymentFailed;
import dev.vastmesh.events.payload.DeploymentStarted;
import dev.vastmesh.events.payload.EventPayload;
import dev.vastmesh.events.payload.InstanceCreated;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Sends a deployment's events to the webhook gateway as canonical events, signed the Standard
 * Webhooks way ({@code webhook-id} = the event id, so the gateway's replay guard recognises a
 * resend). Reporting never fails the deployment: a refused or unreachable gateway is reported on
 * the progress stream and the deployment goes on.
 */
public final class SignedEventSender implements DeploymentEvents {

  private static final MediaType CLOUDEVENTS = MediaType.get("application/cloudevents+json");

  private final OkHttpClient http;
  private final String url;
  private final StandardWebhooks signer;
  private final EventFactory factory;
  private final EventOptions options;
  private final Consumer<String> progress;
  private final EventCodec codec = EventCodec.standard();
  private final Clock clock;

  /**
   * @param url the gateway's webhook URL, e.g. {@code https://gw.example/api/v1/webhooks/ci}
   * @param secret the source's Standard Webhooks secret (read by {@link StandardWebhooks#decodeSecret})
   * @param triggerId e.g. the pipeline id
   */
  public SignedEventSender(OkHttpClient http, String url, String secret, Clock clock, @Nullable String triggerId,
      @Nullable String environment, Consumer<String> progress) {
    this.signer = StandardWebhooks.forSecret(secret);
    this.clock = clock;
    this.http = http;
    this.url = url;
    this.factory = EventFactory.create(clock, "/vastmesh/vastai-cli");
    this.options = EventOptions.none().withTriggerId(triggerId).withEnvironment(environment);
    this.progress = progress;
  }

  @Override
  public void started(DeploymentStarted payload) {
    send(payload);
  }

  @Override
  public void instanceCreated(InstanceCreated payload) {
    send(payload);
  }

  @Override
  public void completed(DeploymentCompleted payload) {
    send(payload);
  }

  @Override
  public void failed(DeploymentFailed payload) {
    send(payload);
  }

  private void send(EventPayload payload) {
    EventEnvelope event = factory.create(payload, options.withIdempotencyKey(null));
    byte[] body = codec.serialize(event);
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, CLOUDEVENTS));
    signer.headers(event.id(), clock.instant().getEpochSecond(), body).forEach(request::header);
    try (Response response = http.newCall(request.build()).execute()) {
      if (!response.isSuccessful()) {
        progress.accept("the webhook gateway refused " + event.type() + " with HTTP " + response.code());
      }
    } catch (IOException e) {
      progress.accept("could not send " + event.type() + " to the webhook gateway: " + e.getClass().getSimpleName());
    }
  }
}
