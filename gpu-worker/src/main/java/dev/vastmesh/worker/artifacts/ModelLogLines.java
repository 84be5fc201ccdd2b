package dev.vastmesh.worker.artifacts;

import dev.vastmesh.worker.config.WorkerProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Appends {@value #PREFIX} lines to MODEL_LOG (and the worker's log): the start-up sequence
 * follows that file, so listing {@value #PREFIX} under {@code startup.on-info} shows them, and a
 * model server's start script can wait for {@value #READY} before it loads what was fetched.
 */
@Component
public class ModelLogLines {

  public static final String PREFIX = "[vastmesh-artifacts]";
  public static final String READY = PREFIX + " ready";

  private static final Logger log = LoggerFactory.getLogger(ModelLogLines.class);

  private final String modelLog;

  @Autowired
  ModelLogLines(WorkerProperties properties) {
    this(properties.startup().modelLog());
  }

  ModelLogLines(String modelLog) {
    this.modelLog = modelLog;
  }

  public synchronized void line(String text) {
    String line = text.startsWith(PREFIX) ? text : PREFIX + " " + text;
    log.info("{}", line.replaceAll("[\r\n]", " "));
    if (modelLog.isBlank()) {
      return;
    }
    try {
      Path file = Path.of(modelLog);
      Files.writeString(file, line.replaceAll("[\r\n]", " ") + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      log.warn("cannot append to MODEL_LOG {}: {}", modelLog, e.getMessage());
    }
  }
}
