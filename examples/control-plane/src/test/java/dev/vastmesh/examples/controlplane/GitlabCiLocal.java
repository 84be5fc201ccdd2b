package dev.vastmesh.examples.controlplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gitlab-ci-local (npm) running a project's pipeline with the shell executor, as a runner on this
 * machine would: the project is a git repository of its own (gitlab-ci-local reads local includes
 * from git), its secrets in a variables file only this user can read (never a command line), and
 * each job in a copy of the project of its own, artifacts and dotenv reports passed on as GitLab
 * passes them.
 */
record GitlabCiLocal(Path project, Path variables, Map<String, String> inputs) {

  /** The version the root pom pins and {@code .ci/run} installs. */
  static String pinnedVersion() throws IOException {
    Matcher version = Pattern.compile("<gitlab-ci-local.version>([^<]+)</gitlab-ci-local.version>")
        .matcher(Files.readString(EndToEnd.REPO.resolve("pom.xml")));
    if (!version.find()) {
      throw new IllegalStateException("the root pom.xml pins no gitlab-ci-local.version");
    }
    return version.group(1);
  }

  /** Fails, saying how to get it, unless the pinned gitlab-ci-local is on the PATH. */
  static void requireInstalled() throws IOException, InterruptedException {
    String pinned = pinnedVersion();
    String found;
    try {
      Process version = new ProcessBuilder("gitlab-ci-local", "--version").redirectErrorStream(true).start();
      found = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      version.waitFor(1, TimeUnit.MINUTES);
    } catch (IOException notFound) {
      found = "not installed";
    }
    if (!found.endsWith(pinned)) {
      throw new AssertionError("gitlab-ci-local " + pinned + " is needed on the PATH (found: " + found + "); .ci/run installs it: "
          + "npm install -g gitlab-ci-local@" + pinned);
    }
  }

  /** A project holding {@code files} (repository paths), committed, with an origin as GitLab's. */
  static GitlabCiLocal project(Path dir, List<String> files, Map<String, String> variables, Map<String, String> inputs)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    for (String file : files) {
      Path target = dir.resolve(file);
      Files.createDirectories(target.getParent());
      Files.copy(EndToEnd.REPO.resolve(file), target);
    }
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "-A");
    git(dir, "-c", "user.name=ci", "-c", "user.email=ci@example.com", "commit", "-q", "-m", "the component's test pipeline");
    git(dir, "remote", "add", "origin", "https://gitlab.example.com/platform/vastmesh.git");
    git(dir, "update-ref", "refs/remotes/origin/main", "HEAD");
    git(dir, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
    Path secrets = dir.resolveSibling(dir.getFileName() + "-variables.yml");
    Files.createFile(secrets, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(secrets, yaml(variables));
    return new GitlabCiLocal(dir, secrets, Map.copyOf(inputs));
  }

  record Run(int exit, String output) {
  }

  /**
   * One pipeline: {@code CI_PIPELINE_ID} as given, the manual jobs named, some root inputs other
   * than the project's. Its jobs run one at a time, in the file's order: a manual job runs when
   * it is started, which here is after the jobs before it.
   */
  Run pipeline(long pipelineId, List<String> manual, Map<String, String> otherInputs) throws IOException, InterruptedException {
    List<String> command = command(pipelineId, otherInputs);
    command.addAll(List.of("--concurrency", "1"));
    manual.forEach(job -> command.addAll(List.of("--manual", job)));
    return run(command);
  }

  /** One job alone, with the artifacts the last run of the jobs it needs left. */
  Run job(long pipelineId, String job) throws IOException, InterruptedException {
    List<String> command = command(pipelineId, Map.of());
    command.add(job);
    return run(command);
  }

  /** gitlab-ci-local reads both files relative to the project; the inputs are written as YAML strings. */
  private List<String> command(long pipelineId, Map<String, String> otherInputs) throws IOException {
    Map<String, String> runInputs = new LinkedHashMap<>(inputs);
    runInputs.putAll(otherInputs);
    Path inputsFile = project.resolveSibling(project.getFileName() + "-inputs.yml");
    Files.writeString(inputsFile, yaml(runInputs));
    return new ArrayList<>(List.of("gitlab-ci-local", "--force-shell-executor", "--shell-isolation",
        "--no-color", "--file", "templates/test/.gitlab-ci.yml", "--variables-file", project.relativize(variables).toString(),
        "--inputs-file", project.relativize(inputsFile).toString(), "--variable", "CI_PIPELINE_ID=" + pipelineId,
        "--ignore-predefined-vars", "CI_PIPELINE_ID"));
  }

  private Run run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
    // The jobs run `java`: this JVM's, whatever the machine's default is.
    builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
    builder.environment().put("HOME", project.resolveSibling("home").toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("gitlab-ci-local did not end:\n" + output);
    }
    return new Run(process.exitValue(), output);
  }

  /** What a job left in the project (artifacts are copied back into it), or empty. */
  String artifact(String file) throws IOException {
    Path path = project.resolve(file);
    return Files.exists(path) ? Files.readString(path) : "";
  }

  private static String yaml(Map<String, String> values) {
    StringBuilder yaml = new StringBuilder();
    values.forEach((name, value) -> yaml.append(name).append(": '").append(value.replace("'", "''")).append("'\n"));
    return yaml.toString();
  }

  private static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!git.waitFor(1, TimeUnit.MINUTES) || git.exitValue() != 0) {
      throw new IOException("git " + String.join(" ", args) + " failed: " + output);
    }
  }
}
