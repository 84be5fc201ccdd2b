package dev.vastmesh.worker.serving;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Reused buffers for copying the model server's answers to clients. A virtual thread per request
 * cannot keep one in a thread-local, and a fresh 8 KB array per request was a third of the
 * worker's allocation (and so of its young-collection pauses) under load. At most
 * {@code retained} buffers are kept; more concurrent copies allocate and leave theirs to the GC.
 */
final class CopyBuffers {

  private final int size;
  private final ArrayBlockingQueue<byte[]> free;

  CopyBuffers(int size, int retained) {
    this.size = size;
    this.free = new ArrayBlockingQueue<>(retained);
  }

  byte[] take() {
    byte[] buffer = free.poll();
    return buffer != null ? buffer : new byte[size];
  }

  /** Only once the caller is done with it: the next {@link #take()} may hand it out. */
  void give(byte[] buffer) {
    free.offer(buffer);
  }
}
