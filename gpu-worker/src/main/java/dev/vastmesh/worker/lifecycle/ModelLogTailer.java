package dev.vastmesh.worker.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the model server's log file from its start, line by line, polling every
 * {@code pollInterval}. Rotation-safe: when the path names another file (a new inode, as after
 * {@code mv log log.1} and a fresh {@code log}) or the file shrank (copy-truncate), it reopens and
 * reads the new file from its start. A file that does not exist yet is waited for.
 */
public final class ModelLogTailer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ModelLogTailer.class);
  private static final int MAX_LINE = 64 * 1024;

  private final Path path;
  private final Duration pollInterval;
  private final Consumer<String> lines;
  private final Thread thread;
  private @Nullable FileChannel channel;
  private @Nullable Object fileKey;
  private long position;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private volatile boolean open = true;

  private ModelLogTailer(Path path, Duration pollInterval, Consumer<String> lines) {
    this.path = path;
    this.pollInterval = pollInterval;
    this.lines = lines;
    this.thread = Thread.ofVirtual().name("model-log").unstarted(this::run);
  }

  /** Starts following {@code path}; each complete line goes to {@code lines}. */
  public static ModelLogTailer follow(Path path, Duration pollInterval, Consumer<String> lines) {
    ModelLogTailer tailer = new ModelLogTailer(path, pollInterval, lines);
    tailer.thread.start();
    return tailer;
  }

  private void run() {
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    while (open) {
      try {
        poll(buffer);
      } catch (IOException e) {
        log.debug("reading {}: {}", path, e.toString());
        closeChannel();
      }
      try {
        Thread.sleep(pollInterval);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void poll(ByteBuffer buffer) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return;
    }
    Object key = attributes.fileKey();
    boolean rotated = channel != null && (key != null && !Objects.equals(key, fileKey) || attributes.size() < position);
    if (rotated) {
      // Finish the old file first: lines written just before the rotation still count.
      drain(buffer);
      flushPartial();
      log.info("{} was rotated; reading the new file from its start", path);
      closeChannel();
    }
    if (channel == null) {
      channel = FileChannel.open(path, StandardOpenOption.READ);
      fileKey = key;
      position = 0;
    }
    drain(buffer);
  }

  private void drain(ByteBuffer buffer) throws IOException {
    FileChannel current = Objects.requireNonNull(channel);
    int n;
    while ((n = current.read(buffer.clear(), position)) > 0) {
      position += n;
      buffer.flip();
      while (buffer.hasRemaining()) {
        byte b = buffer.get();
        if (b == '\n') {
          flushPartial();
        } else if (partial.size() < MAX_LINE) {
          partial.write(b);
        }
      }
    }
  }

  private void flushPartial() {
    if (partial.size() == 0) {
      return;
    }
    String line = partial.toString(StandardCharsets.UTF_8);
    partial.reset();
    lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing to save: the next poll opens the file again.
      }
      channel = null;
    }
  }

  @Override
  public void close() {
    open = false;
    thread.interrupt();
  }
}
