package dev.vastmesh.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.events.payload.CostPeriod;
import dev.vastmesh.events.payload.CostThresholdWarning;
import dev.vastmesh.events.payload.DeploymentStarted;
import dev.vastmesh.events.payload.InstanceCreated;
import dev.vastmesh.events.payload.InstanceReady;
import dev.vastmesh.events.payload.RentalType;
import dev.vastmesh.events.testing.SampleEvents;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventFactoryTests {

  private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T08:30:15.250Z"), ZoneOffset.UTC);
  private final EventFactory factory = EventFactory.create(clock, "/vastmesh/registry-service");

  @Test
  void createsTheDesignsEnvelopeWithClockTimeAndTimeSortableId() {
    EventEnvelope event = factory.create(EventType.INSTANCE_READY,
        new InstanceReady(29484611L, null, "https://203.0.113.4:41234", null, null),
        EventOptions.none().withTriggerId("gitlab-pipeline-123").withSource("gitlab").withIdempotencyKey("k-1"));

    assertThat(event.type()).isEqualTo(EventType.INSTANCE_READY);
    assertThat(event.time()).isEqualTo(clock.instant());
    assertThat(event.source()).isEqualTo("gitlab");
    assertThat(event.triggerId()).isEqualTo("gitlab-pipeline-123");
    assertThat(event.idempotencyKey()).isEqualTo("k-1");
    UUID id = UUID.fromString(event.id());
    assertThat(id.version()).isEqualTo(7);
    assertThat(EventIds.timestampMillis(id)).isEqualTo(clock.millis());
  }

  @Test
  void subjectIsTheInstanceIdUnlessGiven() {
    InstanceReady ready = new InstanceReady(42L, null, null, null, null);

    assertThat(factory.create(ready, EventOptions.none()).subject()).isEqualTo("42");
    assertThat(factory.create(ready, EventOptions.none().withSubject("pool-a")).subject()).isEqualTo("pool-a");
  }

  @Test
  void costEventsAboutNoInstanceHaveNoSubject() {
    CostThresholdWarning warning = new CostThresholdWarning("prod-daily", CostPeriod.DAY,
        new BigDecimal("50"), new BigDecimal("45"), "USD", null);

    assertThat(factory.create(warning, EventOptions.none()).subject()).isNull();
  }

  @Test
  void defaultSourceAppliesWhenNoneIsGiven() {
    EventEnvelope event = factory.create(SampleEvents.payload(EventType.MESH_HEARTBEAT), EventOptions.none());

    assertThat(event.source()).isEqualTo("/vastmesh/registry-service");
  }

  @Test
  void payloadOfAnotherTypeIsRefused() {
    InstanceReady ready = new InstanceReady(42L, null, null, null, null);

    assertThatThrownBy(() -> factory.create(EventType.INSTANCE_FAILED, ready, EventOptions.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vastai.instance.failed takes a InstanceFailed payload, not a InstanceReady");
  }

  @Test
  void invalidPayloadIsRefusedWithEveryViolation() {
    InstanceCreated bad = new InstanceCreated(0L, null, null, null, "", 0, new BigDecimal("-1"), "usd",
        RentalType.ON_DEMAND, null, null);

    assertThatThrownBy(() -> factory.create(bad, EventOptions.none()))
        .isInstanceOfSatisfying(EventValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::pointer)
            .containsExactlyInAnyOrder("/data/instance_id", "/data/gpu_name", "/data/num_gpus",
                "/data/cost_per_hour", "/data/currency"));
  }

  @Test
  void missingRequiredComponentIsReportedNotThrownAsNullPointer() {
    DeploymentStarted bad = new DeploymentStarted(null, null, null, null, null, null, 1);

    assertThatThrownBy(() -> factory.create(bad, EventOptions.none()))
        .isInstanceOfSatisfying(EventValidationException.class, e -> assertThat(e.violations())
            .singleElement().extracting(Violation::kind, Violation::pointer)
            .containsExactly(ViolationKind.MISSING_FIELD, "/data/deployment_id"));
  }

  @Test
  void invalidEnvelopeOptionIsRefused() {
    assertThatThrownBy(() -> factory.create(SampleEvents.payload(EventType.MESH_HEARTBEAT),
        EventOptions.none().withSource("not a uri%")))
        .isInstanceOfSatisfying(EventValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::pointer).containsExactly("/source"));
  }

  @Test
  void everyTypeHasOneFamilyAndTheDesignsName() {
    assertThat(EventType.values()).hasSize(19);
    for (EventType type : EventType.values()) {
      assertThat(type.wireName()).startsWith(type.family().prefix());
      assertThat(EventType.fromWireName(type.wireName())).contains(type);
    }
  }
}
