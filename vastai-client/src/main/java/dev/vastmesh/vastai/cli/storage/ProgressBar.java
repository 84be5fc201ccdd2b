package dev.vastmesh.vastai.cli.storage;

import dev.vastmesh.storage.TransferProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr ({@code \r}-redrawn at most 5 times a second): bytes and
 * files done of the total, and the rate. Off, it prints nothing but the final summary line.
 */
final class ProgressBar implements TransferProgress {

  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintWriter err;
  private final long totalBytes;
  private final int totalFiles;
  private final boolean draw;
  private final long started = System.nanoTime();
  private long bytes;
  private int files;
  private long lastDrawn;
  private boolean closed;

  ProgressBar(PrintWriter err, long totalBytes, int totalFiles, boolean draw) {
    this.err = err;
    this.totalBytes = totalBytes;
    this.totalFiles = totalFiles;
    this.draw = draw;
  }

  @Override
  public synchronized void advanced(String name, long n) {
    if (closed) {
      return;
    }
    bytes += n;
    redraw(false);
  }

  @Override
  public synchronized void finished(String name) {
    if (closed) {
      return;
    }
    files++;
    redraw(files == totalFiles);
  }

  /**
   * Ends the bar's line and says what moved, how fast. Called once the transfer succeeded: the
   * transfer manager may report a file's last bytes or completion only after that, so the totals
   * are taken as done and later reports are dropped.
   */
  synchronized void done(String verb) {
    closed = true;
    files = Math.max(files, totalFiles);
    bytes = Math.max(bytes, totalBytes);
    if (draw && lastDrawn != 0) {
      err.print("\r");
      err.println(line());
    }
    double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
    err.println(String.format(Locale.ROOT, "%s %d file(s), %s in %.1f s (%s/s)", verb, files, size(bytes), seconds, size((long) (bytes / seconds))));
    err.flush();
  }

  private void redraw(boolean force) {
    long now = System.nanoTime();
    if (!draw || (!force && now - lastDrawn < REDRAW_NANOS)) {
      return;
    }
    lastDrawn = now;
    err.print("\r" + line());
    err.flush();
  }

  private String line() {
    double fraction = totalBytes > 0 ? Math.min(1.0, (double) bytes / totalBytes) : totalFiles > 0 ? (double) files / totalFiles : 1.0;
    int width = 30;
    int full = (int) Math.round(fraction * width);
    double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
    return String.format(Locale.ROOT, "[%s%s] %3d%% %s/%s %d/%d files %s/s", "#".repeat(full), ".".repeat(width - full),
        (int) Math.round(fraction * 100), size(bytes), size(totalBytes), files, totalFiles, size((long) (bytes / seconds)));
  }

  static String size(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
  }
}
