package dev.vastmesh.worker.report;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol's {@code additional_disk_usage}: how much the used space of one filesystem grew, in
 * GB (2^30 bytes, as Vast's worker divides), since what was last reported. Vast's worker measures
 * the used space at every report and sends the difference from the previous measurement; here the
 * baseline moves only when a report was accepted, so a lost report's growth is sent with the next
 * one and the reports add up to the growth since start.
 *
 * <p>One {@code statvfs} per report (the store is looked up once), never per request.
 */
public final class DiskGrowth {

  private static final Logger log = LoggerFactory.getLogger(DiskGrowth.class);
  static final double BYTES_PER_GB = 1L << 30;

  private final LongSupplier usedBytes;
  private long reportedBytes;

  /** Growth of what {@code usedBytes} reads (bytes in use; negative when unreadable), counted from now. */
  public DiskGrowth(LongSupplier usedBytes) {
    this.usedBytes = usedBytes;
    this.reportedBytes = usedBytes.getAsLong();
  }

  /**
   * The filesystem holding {@code path}; when it cannot be read the growth is always 0.0 (as before
   * measuring), and that is logged once.
   */
  public static DiskGrowth of(Path path) {
    FileStore store;
    try {
      store = Files.getFileStore(path);
    } catch (IOException e) {
      log.warn("cannot read the filesystem of {} ({}): additional_disk_usage stays 0.0", path, e.toString());
      return new DiskGrowth(() -> 0L);
    }
    return new DiskGrowth(() -> {
      try {
        return store.getTotalSpace() - store.getUnallocatedSpace();
      } catch (IOException e) {
        return -1L;
      }
    });
  }

  /** The growth to report now, in GB; negative when space was freed. */
  public synchronized Measurement measure() {
    long used = usedBytes.getAsLong();
    if (used < 0) {
      return new Measurement(reportedBytes, 0.0);
    }
    return new Measurement(used, (used - reportedBytes) / BYTES_PER_GB);
  }

  /** A report carrying {@code measurement} was accepted: the next growth counts from it. */
  public synchronized void reported(Measurement measurement) {
    reportedBytes = measurement.usedBytes();
  }

  /** @param gb the report's {@code additional_disk_usage} */
  public record Measurement(long usedBytes, double gb) {
  }
}
