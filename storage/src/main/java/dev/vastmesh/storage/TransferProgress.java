package dev.vastmesh.storage;

/**
 * Progress of transfers, file by file: what started (and its size, -1 when unknown), how many
 * more bytes moved, what finished. Called from the SDK's threads, so implementations must be
 * thread-safe and quick.
 */
public interface TransferProgress {

  TransferProgress NONE = new TransferProgress() {
  };

  default void started(String name, long size) {
  }

  default void advanced(String name, long bytes) {
  }

  default void finished(String name) {
  }
}
