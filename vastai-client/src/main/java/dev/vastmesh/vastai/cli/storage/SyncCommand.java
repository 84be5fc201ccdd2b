package dev.vastmesh.vastai.cli.storage;

import dev.vastmesh.storage.S3Location;
import dev.vastmesh.storage.StorageClient;
import dev.vastmesh.storage.StorageException;
import dev.vastmesh.storage.Sync;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sync DIR s3://bucket/prefix/} or back: copies what is new, of another size or newer;
 * {@code --delete} removes what only the destination has; {@code --dry-run} prints the plan and
 * changes nothing. Running it again after an interruption sends only what is still missing.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = "Make s3://bucket/prefix/ like a directory, or a directory like s3://bucket/prefix/ (by size and time).")
final class SyncCommand extends StorageVerb {

  @Parameters(index = "0", paramLabel = "SRC", description = "a local directory, or s3://bucket/prefix/") String source;
  @Parameters(index = "1", paramLabel = "DST", description = "s3://bucket/prefix/, or a local directory") String destination;
  @Option(names = "--delete", description = "delete what only the destination has") boolean delete;
  @Option(names = "--dry-run", description = "print what would be done, do nothing") boolean dryRun;
  @Option(names = "--files-in-flight", defaultValue = "16", description = "files transferred at once") int filesInFlight;

  @Override
  int run() {
    boolean up = S3Location.isS3(destination);
    if (up == S3Location.isS3(source)) {
      throw new StorageException(StorageException.Kind.MISCONFIGURED, "sync needs one local directory and one s3:// prefix, not "
          + source + " and " + destination);
    }
    try (StorageClient client = open()) {
      Sync.Plan plan = up ? Sync.upload(client, Path.of(source), prefix(destination), delete)
          : Sync.download(client, prefix(source), Path.of(destination), delete);
      if (dryRun) {
        plan.actions().forEach(a -> out().println("(dry run) " + a.describe()));
        out().println("(dry run) " + plan.actions().size() + " action(s), " + ProgressBar.size(plan.bytes()) + " to transfer, "
            + plan.unchanged() + " file(s) unchanged");
        return 0;
      }
      int transfers = (int) plan.actions().stream().filter(a -> a instanceof Sync.Upload || a instanceof Sync.Download).count();
      ProgressBar bar = progress(plan.bytes(), transfers);
      Sync.execute(client, plan, bar, filesInFlight);
      plan.actions().stream().filter(a -> a instanceof Sync.DeleteObject || a instanceof Sync.DeleteFile)
          .forEach(a -> out().println(a.describe()));
      bar.done((up ? "uploaded" : "downloaded") + " (" + plan.unchanged() + " unchanged)");
    }
    return 0;
  }

  private static S3Location prefix(String text) {
    S3Location location = S3Location.parse(text);
    return new S3Location(location.bucket(), location.prefix());
  }
}
