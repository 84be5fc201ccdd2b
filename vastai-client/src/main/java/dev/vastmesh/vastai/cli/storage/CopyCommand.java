package dev.vastmesh.vastai.cli.storage;

import dev.vastmesh.storage.ObjectInfo;
import dev.vastmesh.storage.S3Location;
import dev.vastmesh.storage.StorageClient;
import dev.vastmesh.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cp SRC DST}: a file or (with {@code -r}) a directory up to {@code s3://}, or an object or
 * prefix down. A destination ending in {@code /}, or an existing local directory, takes the
 * source's name.
 */
@Command(name = "cp", mixinStandardHelpOptions = true, description = "Copy a file or directory to or from s3://bucket/key.")
final class CopyCommand extends StorageVerb {

  @Parameters(index = "0", paramLabel = "SRC", description = "a local file or directory, or s3://bucket/key") String source;
  @Parameters(index = "1", paramLabel = "DST", description = "s3://bucket/key (or prefix/), or a local path") String destination;
  @Option(names = {"-r", "--recursive"}, description = "copy a directory, or every object under a prefix") boolean recursive;

  @Override
  int run() throws Exception {
    boolean fromS3 = S3Location.isS3(source);
    boolean toS3 = S3Location.isS3(destination);
    if (fromS3 == toS3) {
      throw new StorageException(StorageException.Kind.MISCONFIGURED, "cp needs one local path and one s3:// address, not "
          + source + " and " + destination);
    }
    try (StorageClient client = open()) {
      if (toS3) {
        upload(client, Path.of(source), S3Location.parse(destination));
      } else {
        download(client, S3Location.parse(source), Path.of(destination));
      }
    }
    return 0;
  }

  private void upload(StorageClient client, Path file, S3Location target) throws Exception {
    if (Files.isDirectory(file)) {
      if (!recursive) {
        throw new StorageException(StorageException.Kind.MISCONFIGURED, file + " is a directory: add --recursive");
      }
      ProgressBar bar = progress(directorySize(file), fileCount(file));
      client.uploadDirectory(file, target, bar);
      bar.done("uploaded");
      return;
    }
    if (!Files.isRegularFile(file)) {
      throw new StorageException(StorageException.Kind.NOT_FOUND, "no such file: " + file);
    }
    S3Location key = target.isPrefix() ? target.child(file.getFileName().toString()) : target;
    ProgressBar bar = progress(Files.size(file), 1);
    client.upload(file, key, bar);
    bar.done("uploaded");
  }

  private void download(StorageClient client, S3Location object, Path target) {
    if (recursive || object.isPrefix()) {
      long bytes = 0;
      int count = 0;
      for (ObjectInfo o : client.list(new S3Location(object.bucket(), object.prefix()), true)) {
        bytes += o.size();
        count++;
      }
      ProgressBar bar = progress(bytes, count);
      client.downloadDirectory(object, target, bar);
      bar.done("downloaded");
      return;
    }
    ObjectInfo info = client.head(object).orElseThrow(() -> new StorageException(StorageException.Kind.NOT_FOUND,
        "no such object: " + object));
    Path file = Files.isDirectory(target) || destination.endsWith("/") ? target.resolve(object.name()) : target;
    ProgressBar bar = progress(info.size(), 1);
    client.download(object, file, bar);
    bar.done("downloaded");
  }

  private static long directorySize(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static int fileCount(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      return (int) files.filter(Files::isRegularFile).count();
    }
  }
}
