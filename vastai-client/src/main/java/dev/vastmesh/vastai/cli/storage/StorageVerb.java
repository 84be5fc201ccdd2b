package dev.vastmesh.vastai.cli.storage;

import dev.vastmesh.storage.StorageClient;
import dev.vastmesh.storage.StorageException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * One storage subcommand: a storage failure becomes one {@code error: ...} line and an exit code
 * (2 misconfigured, 13 unreachable, 15 refused, missing or failed), never a stack trace.
 */
abstract class StorageVerb implements Callable<Integer> {

  static final int UNREACHABLE = 13;
  static final int STORAGE_ERROR = 15;

  @Spec CommandSpec spec;
  @ParentCommand StorageCommand storage;
  @Mixin StorageOptions options;

  abstract int run() throws Exception;

  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } catch (StorageException e) {
      err().println("error: " + e.getMessage());
      return switch (e.kind()) {
        case MISCONFIGURED -> 2;
        case UNREACHABLE -> UNREACHABLE;
        case ACCESS_DENIED, NO_SUCH_BUCKET, NOT_FOUND, FAILED -> STORAGE_ERROR;
      };
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  StorageClient open() {
    return storage.open(options.choice(), options);
  }

  ProgressBar progress(long totalBytes, int files) {
    return new ProgressBar(err(), totalBytes, files, !options.noProgress);
  }
}
