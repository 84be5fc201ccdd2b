package dev.vastmesh.storage.internal;

import dev.vastmesh.storage.TransferProgress;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/** Turns the transfer manager's cumulative byte counts for one file into deltas for {@link TransferProgress}. */
public final class ProgressListener implements TransferListener {

  private final String name;
  private final TransferProgress progress;
  private final AtomicLong seen = new AtomicLong();

  public ProgressListener(String name, TransferProgress progress) {
    this.name = name;
    this.progress = progress;
  }

  @Override
  public void transferInitiated(Context.TransferInitiated context) {
    progress.started(name, context.progressSnapshot().totalBytes().orElse(-1));
  }

  @Override
  public void bytesTransferred(Context.BytesTransferred context) {
    long now = context.progressSnapshot().transferredBytes();
    long before = seen.getAndAccumulate(now, Math::max);
    if (now > before) {
      progress.advanced(name, now - before);
    }
  }

  @Override
  public void transferComplete(Context.TransferComplete context) {
    // The last chunk's count may arrive only here.
    bytesTransferred(context);
    progress.finished(name);
  }
}
