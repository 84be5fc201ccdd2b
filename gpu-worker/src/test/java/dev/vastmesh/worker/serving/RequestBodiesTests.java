package dev.vastmesh.worker.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class RequestBodiesTests {

  static Flux<ByteBuf> chunks(String... parts) {
    return Flux.fromArray(parts).map(part -> Unpooled.copiedBuffer(part, StandardCharsets.UTF_8));
  }

  @Test
  void aDeclaredLengthIsReadExactlyAcrossChunks() {
    assertThat(RequestBodies.read(chunks("{\"a\"", ":1}"), 7, 100).block()).asString().isEqualTo("{\"a\":1}");
    assertThat(RequestBodies.read(Flux.empty(), 0, 100).block()).isEmpty();
  }

  @Test
  void aChunkedBodyGrowsPastItsFirstCapacity() {
    String big = "x".repeat(20_000);
    assertThat(RequestBodies.read(chunks(big.substring(0, 9000), big.substring(9000)), -1, 20_000).block()).hasSize(20_000)
        .asString().isEqualTo(big);
  }

  @Test
  void overTheCapIsRefusedWhetherDeclaredOrChunked() {
    AtomicInteger subscribed = new AtomicInteger();
    Flux<ByteBuf> never = chunks("abc").doOnSubscribe(s -> subscribed.incrementAndGet());
    assertThatThrownBy(() -> RequestBodies.read(never, 11, 10).block()).isInstanceOf(RequestBodies.TooLarge.class);
    assertThat(subscribed).as("a declared length over the cap is refused before a byte is read").hasValue(0);

    assertThatThrownBy(() -> RequestBodies.read(chunks("123456", "78901"), -1, 10).block()).isInstanceOf(RequestBodies.TooLarge.class);
    assertThat(RequestBodies.read(chunks("123456", "7890"), -1, 10).block()).hasSize(10);
  }
}
