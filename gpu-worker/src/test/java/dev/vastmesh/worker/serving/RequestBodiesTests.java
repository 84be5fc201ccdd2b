package dev.vastmesh.worker.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class RequestBodiesTests {

  @Test
  void aDeclaredLengthIsReadExactly() throws Exception {
    assertThat(RequestBodies.read(new ByteArrayInputStream("{\"a\":1}".getBytes()), 7, 100)).asString().isEqualTo("{\"a\":1}");
    assertThat(RequestBodies.read(new ByteArrayInputStream(new byte[0]), 0, 100)).isEmpty();
  }

  @Test
  void aBodyEndingBeforeItsDeclaredLengthIsWhatArrived() throws Exception {
    assertThat(RequestBodies.read(new ByteArrayInputStream("abc".getBytes()), 10, 100)).asString().isEqualTo("abc");
  }

  @Test
  void overTheCapIsNullWhetherDeclaredOrChunked() throws Exception {
    assertThat(RequestBodies.read(new ByteArrayInputStream(new byte[11]), 11, 10)).isNull();
    assertThat(RequestBodies.read(new ByteArrayInputStream(new byte[11]), -1, 10)).isNull();
    assertThat(RequestBodies.read(new ByteArrayInputStream(new byte[10]), -1, 10)).hasSize(10);
  }

  @Test
  void copyBuffersAreReusedUpToTheRetainedCount() {
    CopyBuffers buffers = new CopyBuffers(16, 1);
    byte[] first = buffers.take();
    byte[] second = buffers.take();
    assertThat(first).hasSize(16).isNotSameAs(second);
    buffers.give(first);
    buffers.give(second);
    assertThat(buffers.take()).isSameAs(first);
    assertThat(buffers.take()).as("only one was retained").isNotSameAs(second).hasSize(16);
  }
}
