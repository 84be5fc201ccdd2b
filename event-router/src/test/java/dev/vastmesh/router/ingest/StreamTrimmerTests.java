package dev.vastmesh.router.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.testsupport.TestRedis;
import dev.vastmesh.router.config.RouterProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The stream keeps exactly what some group has pending or has not read, and no more. */
class StreamTrimmerTests {

  private final TestRedis test = new TestRedis();
  private final String stream = test.prefix() + "events";
  private final StringRedisTemplate redis = test.template();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final StreamTrimmer trimmer = new StreamTrimmer(redis,
      new RouterProperties.Redis(stream, "router", null, Duration.ofSeconds(30), test.prefix(), Duration.ofSeconds(10)), meters);

  @AfterEach
  void cleanUp() {
    test.close();
  }

  private List<RecordId> append(int count) {
    List<RecordId> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(redis.opsForStream().add(MapRecord.create(stream, Map.of("event", "e" + i))));
    }
    return ids;
  }

  private List<RecordId> read(String group, int count) {
    return redis.opsForStream().read(Consumer.from(group, "c"), StreamReadOptions.empty().count(count),
        StreamOffset.create(stream, ReadOffset.lastConsumed())).stream().map(MapRecord::getId).toList();
  }

  private List<String> remaining() {
    return redis.opsForStream().range(stream, org.springframework.data.domain.Range.unbounded()).stream()
        .map(r -> r.getId().getValue()).toList();
  }

  @Test
  void keepsFromTheOldestEntryAnyGroupHasPendingOrUnread() {
    List<RecordId> ids = append(10);
    redis.opsForStream().createGroup(stream, ReadOffset.from("0"), "router");
    redis.opsForStream().createGroup(stream, ReadOffset.from("0"), "audit");
    List<RecordId> routerRead = read("router", 6);
    redis.opsForStream().acknowledge(stream, "router", routerRead.get(0), routerRead.get(1), routerRead.get(2), routerRead.get(3),
        routerRead.get(5));
    List<RecordId> auditRead = read("audit", 3);
    redis.opsForStream().acknowledge(stream, "audit", auditRead.toArray(RecordId[]::new));

    assertThat(trimmer.trim()).isEqualTo(3);

    assertThat(remaining()).as("audit has not read the 4th; router still has the 5th pending")
        .isEqualTo(ids.subList(3, 10).stream().map(RecordId::getValue).toList());
    assertThat(meters.get("vastmesh.router.stream.length").gauge().value()).isEqualTo(7);

    read("audit", 10).forEach(id -> redis.opsForStream().acknowledge(stream, "audit", id));
    assertThat(trimmer.trim()).as("now the router's pending 5th is the floor").isEqualTo(1);
    assertThat(remaining()).first().isEqualTo(ids.get(4).getValue());
  }

  @Test
  void everythingAcknowledgedByEveryGroupIsTrimmed() {
    append(5);
    redis.opsForStream().createGroup(stream, ReadOffset.from("0"), "router");
    read("router", 5).forEach(id -> redis.opsForStream().acknowledge(stream, "router", id));

    trimmer.trim();

    assertThat(remaining()).isEmpty();
    assertThat(meters.get("vastmesh.router.stream.length").gauge().value()).isZero();
    assertThat(meters.get("vastmesh.router.stream.length").gauge().getId().getDescription()).isNotBlank();
  }

  @Test
  void aStreamNoGroupReadsIsLeftAloneAndAMissingOneIsNoError() {
    assertThat(trimmer.trim()).isZero();
    append(4);

    assertThat(trimmer.trim()).isZero();
    assertThat(remaining()).hasSize(4);
  }
}
