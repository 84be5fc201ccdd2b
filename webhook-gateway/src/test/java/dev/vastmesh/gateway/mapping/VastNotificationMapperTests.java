package dev.vastmesh.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventIds;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.payload.AccountAlertKind;
import dev.vastmesh.events.payload.CostAccountAlert;
import dev.vastmesh.events.payload.HealthCheck;
import dev.vastmesh.events.payload.HealthStatus;
import dev.vastmesh.events.payload.InstanceTerminated;
import dev.vastmesh.events.payload.TerminationReason;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/** Each documented notif_type's outcome, as the README's table states it. */
class VastNotificationMapperTests {

  static final Instant NOW = Instant.parse("2026-03-02T22:20:00Z");
  static final String EVENT_ID = "7e9a2c4e6f9e4a24a53b77c2d8e3f0aa";
  static final String OUTBID_SUBJECT = "Your Interruptible Instance #29484611 Has Been Outbid";
  static final String OUTBID_MESSAGE = "Your interruptible instance 29484611 on machine 4242 has been outbid and will be stopped. "
      + "Your bid was $0.03/hr and the current minimum bid is $0.06/hr.";

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final VastNotificationMapper mapper = new VastNotificationMapper(Clock.fixed(NOW, ZoneOffset.UTC), meters);
  final CanonicalMapper.Context context = new CanonicalMapper.Context("vast", EVENT_ID, "vast", "prod");

  private Mapping map(String notifType, String subject, String message) {
    String json = JsonMapper.builder().build().writeValueAsString(java.util.Map.of("event_id", EVENT_ID, "user_id", 123,
        "notif_type", notifType, "subject", subject, "message", message, "timestamp", 1772490000.123));
    return mapper.map(Sanitizer.parse(json.getBytes(StandardCharsets.UTF_8)).tree(), context);
  }

  private EventEnvelope event(Mapping mapping) {
    assertThat(mapping).isInstanceOf(Mapping.Event.class);
    EventEnvelope event = ((Mapping.Event) mapping).event();
    assertThat(EventCodec.standard().validate(event)).isEmpty();
    return event;
  }

  private double count(String type, String outcome) {
    var counter = meters.find("vastmesh.gateway.vast.notifications").tag("notif_type", type).tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void outbidBecomesAnOutbidTerminationOfTheInstanceNamedInTheText() {
    EventEnvelope event = event(map("outbid", OUTBID_SUBJECT, OUTBID_MESSAGE));

    assertThat(event.type()).isEqualTo(EventType.INSTANCE_TERMINATED);
    InstanceTerminated data = event.dataAs(InstanceTerminated.class);
    assertThat(data.instanceId()).isEqualTo(29484611L);
    assertThat(data.reason()).isEqualTo(TerminationReason.OUTBID);
    assertThat(data.note()).contains("'outbid'").contains("read from its text (best effort)").contains(OUTBID_SUBJECT);
    assertThat(event.subject()).isEqualTo("29484611");
    assertThat(event.id()).isEqualTo(EventIds.nameBased("vast:" + EVENT_ID).toString());
    assertThat(event.idempotencyKey()).isEqualTo(EVENT_ID);
    assertThat(event.environment()).isEqualTo("prod");
    assertThat(event.time()).isEqualTo(Instant.ofEpochMilli(1772490000123L));
    assertThat(count("outbid", "event")).isEqualTo(1);
  }

  @Test
  void withoutAnIdInTheTextThereIsNoInstanceEventAndNoneIsInvented() {
    assertThat(map("outbid", "Your instance has been outbid", "It will be stopped.")).isInstanceOf(Mapping.Ignored.class);
    assertThat(map("instance_offline", "Instance #12 is offline", "instance 13 went offline")).as("subject and message disagree")
        .isInstanceOf(Mapping.Ignored.class);
    assertThat(map("instance_offline", "Instance #12 and instance #13", "")).as("two ids in one text")
        .isInstanceOf(Mapping.Ignored.class);
    assertThat(map("outbid", "Instance #0 Has Been Outbid", "")).isInstanceOf(Mapping.Ignored.class);
    assertThat(map("outbid", "Instance #99999999999999999999 Has Been Outbid", "")).isInstanceOf(Mapping.Ignored.class);
    assertThat(count("outbid", "no_instance_id")).isEqualTo(3);
    assertThat(count("instance_offline", "no_instance_id")).isEqualTo(2);
  }

  @Test
  void theIdMayComeFromTheMessageAlone() {
    InstanceTerminated data = event(map("instance_deleted", "Instance deleted", "Your instance 777 was deleted."))
        .dataAs(InstanceTerminated.class);
    assertThat(data.instanceId()).isEqualTo(777L);
    assertThat(data.reason()).isEqualTo(TerminationReason.DESTROYED);
  }

  @ParameterizedTest
  @CsvSource({"instance_offline, UNHEALTHY", "instance_online, HEALTHY", "error_msgs, DEGRADED", "storage_full, DEGRADED",
      "client:instance_offline, UNHEALTHY"})
  void instanceStateNotificationsBecomeHealthChecks(String type, HealthStatus status) {
    EventEnvelope event = event(map(type, "Your Vast.ai Instance #31 needs attention", "see the console"));
    assertThat(event.type()).isEqualTo(EventType.HEALTH_CHECK);
    HealthCheck data = event.dataAs(HealthCheck.class);
    assertThat(data.instanceId()).isEqualTo(31L);
    assertThat(data.status()).isEqualTo(status);
    assertThat(data.note()).contains("best effort");
  }

  @ParameterizedTest
  @CsvSource({"low_credit, LOW_CREDIT", "billing_failed, BILLING_FAILED"})
  void accountMoneyWarningsBecomeAccountAlerts(String type, AccountAlertKind kind) {
    EventEnvelope event = event(map(type, "Low balance", "Balance below threshold."));
    assertThat(event.type()).isEqualTo(EventType.COST_ACCOUNT_ALERT);
    assertThat(event.dataAs(CostAccountAlert.class))
        .isEqualTo(new CostAccountAlert(kind, "USD", "Low balance", "Balance below threshold.", 123L));
  }

  @Test
  void theTestDeliveryNeverBecomesAnEvent() {
    Mapping mapping = map("webhook_test", "Vast.ai webhook test", "This is a test");
    assertThat(mapping).isInstanceOf(Mapping.Ignored.class);
    assertThat(((Mapping.Ignored) mapping).reason()).contains("test delivery");
    assertThat(count("webhook_test", "test")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(value = VastNotificationType.class, names = {"INSTANCE_CREATED", "INSTANCE_STARTED", "INSTANCE_STOPPED",
      "PAYMENT_RECEIPT", "IDLE_GPU", "LOW_DISK_SPACE", "PASSWORD_RESET", "MACHINE_OFFLINE"})
  void documentedTypesWithoutAnEventAreAcceptedAndCountedByType(VastNotificationType type) {
    Mapping mapping = map(type.slug(), "Your Vast.ai Instance #31 Is Now Running", "instance 31");
    assertThat(mapping).isInstanceOf(Mapping.Ignored.class);
    assertThat(((Mapping.Ignored) mapping).reason()).isEqualTo("no event for this notif_type: " + type.why());
    assertThat(count(type.slug(), "no_event")).isEqualTo(1);
  }

  @Test
  void everyDocumentedTypeHasAnOutcomeAndUndocumentedOnesCountAsOther() {
    for (VastNotificationType type : VastNotificationType.values()) {
      assertThat(type.outcome() == VastNotificationType.Outcome.NONE).isEqualTo(!type.why().isEmpty());
    }
    map("totally_new_type", "x", "y");
    map("", "x", "y");
    map("client:" + "z".repeat(200), "x", "y");
    assertThat(count("other", "no_event")).isEqualTo(3);
    Set<String> labels = meters.getMeters().stream().map(Meter::getId).map(id -> id.getTag("notif_type")).collect(Collectors.toSet());
    Set<String> documented = java.util.Arrays.stream(VastNotificationType.values()).map(VastNotificationType::slug)
        .collect(Collectors.toSet());
    assertThat(documented).containsAll(labels);
  }

  @Test
  void aPayloadThatIsNotAnObjectIsAcceptedWithoutAnEvent() {
    assertThat(mapper.map(Sanitizer.parse("[1,2]".getBytes(StandardCharsets.UTF_8)).tree(), context)).isInstanceOf(Mapping.Ignored.class);
  }

  @Test
  void anImplausibleTimestampFallsBackToNow() {
    String json = "{\"notif_type\":\"low_credit\",\"subject\":\"Low balance\",\"timestamp\":9e18}";
    EventEnvelope event = event(mapper.map(Sanitizer.parse(json.getBytes(StandardCharsets.UTF_8)).tree(), context));
    assertThat(event.time()).isEqualTo(NOW);
    assertThat(event.dataAs(CostAccountAlert.class).accountId()).isNull();
  }
}
