package dev.vastmesh.vastai.cli.storage;

import dev.vastmesh.storage.ObjectInfo;
import dev.vastmesh.storage.S3Location;
import dev.vastmesh.storage.StorageClient;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ls s3://bucket/prefix/}: objects and, without {@code -r}, the "directories" below, as {@code aws s3 ls} prints them. */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "List the objects under s3://bucket/prefix/.")
final class ListCommand extends StorageVerb {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @Parameters(index = "0", paramLabel = "s3://BUCKET/PREFIX", description = "the bucket and prefix to list") String location;
  @Option(names = {"-r", "--recursive"}, description = "every key below, not only the next level") boolean recursive;

  @Override
  int run() {
    S3Location where = S3Location.parse(location);
    try (StorageClient client = open()) {
      for (ObjectInfo entry : client.list(where, recursive)) {
        if (entry.directory()) {
          out().println(String.format("%19s %12s %s", "", "PRE", entry.key()));
        } else {
          out().println(String.format("%s %12d %s", TIME.format(entry.lastModified()), entry.size(), entry.key()));
        }
      }
    }
    return 0;
  }
}
