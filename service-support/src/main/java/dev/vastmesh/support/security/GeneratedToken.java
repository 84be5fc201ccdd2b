package dev.vastmesh.support.security;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A secret a service makes up when none is configured (an admin token, so that it is never
 * anonymous-writable; an agent's signing secret). It goes to a file only its user can read, and
 * the service prints that file's path, never the secret: standard output is the log under a
 * container or a service manager, and logs are shipped and kept, so a secret in them outlives the
 * process. The file is deleted when the process exits, with the secret's validity.
 */
public final class GeneratedToken {

  private GeneratedToken() {
  }

  /** The directory generated secrets go to unless told otherwise: the JVM's temporary directory. */
  public static Path defaultDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /**
   * A new admin token with {@code prefix}, written to a file in {@code directory}; {@code out}
   * gets the file's path and how to use it.
   */
  public static String announce(String service, String property, String prefix, Path directory, PrintStream out) {
    String token = Tokens.random(prefix);
    Path file = write(directory, "vastmesh-" + service + "-admin-token-", token);
    out.println("""

        %s: no API token is configured (%s), so this run generated an admin token.
        It is in %s (readable only by this user; never printed or logged), e.g.:

            curl -H "Authorization: Bearer $(cat %s)" ...
        """.formatted(service, property, file, file));
    return token;
  }

  /**
   * Writes {@code secret} to a new file in {@code directory} named from {@code namePrefix}, which
   * only this user may read or write (0600), created so from the start rather than narrowed after;
   * returns its path.
   */
  public static Path write(Path directory, String namePrefix, String secret) {
    try {
      Files.createDirectories(directory);
      Path file = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
          ? Files.createTempFile(directory, namePrefix, "", PosixFilePermissions.asFileAttribute(
              Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)))
          : Files.createTempFile(directory, namePrefix, "");
      Files.writeString(file, secret, StandardCharsets.UTF_8);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a generated secret to " + directory, e);
    }
  }
}
