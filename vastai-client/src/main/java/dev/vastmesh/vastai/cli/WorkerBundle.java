package dev.vastmesh.vastai.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The gpu-worker bundle an instance installs at start: {@code deploy/worker/onstart.sh} written
 * into the instance's onstart, with the bundle's URL, its SHA-256 and the model-server preset in
 * the instance's environment. The script refuses a bundle whose checksum differs.
 *
 * @param url where the instance downloads the bundle (a presigned URL, or any HTTP(S) URL)
 * @param sha256 the bundle's SHA-256, lower-case hex
 * @param preset the model server's preset (start.sh); null leaves the image's own configuration
 */
record WorkerBundle(URI url, String sha256, @Nullable String preset) {

  static final Set<String> PRESETS = Set.of("vllm", "tgi", "tei", "ollama", "embeddings", "none");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final String SCRIPT = "onstart.sh";

  WorkerBundle {
    if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("--worker-bundle must be an http(s) URL, not " + redacted(url));
    }
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("--worker-bundle-sha256 must be 64 hex digits");
    }
    if (preset != null && !PRESETS.contains(preset)) {
      throw new IllegalArgumentException("--worker-preset must be one of " + PRESETS.stream().sorted().toList() + ", not " + preset);
    }
  }

  /**
   * The bundle at {@code url}; without a checksum, the bundle is downloaded once here and its
   * SHA-256 taken, so the instance runs exactly what this job saw.
   */
  static WorkerBundle resolve(String url, @Nullable String sha256, @Nullable String preset, OkHttpClient http) throws IOException {
    URI uri = URI.create(url);
    return new WorkerBundle(uri, sha256 != null ? sha256 : digest(uri, http), preset);
  }

  private static String digest(URI url, OkHttpClient http) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url(url.toString()).build()).execute()) {
      if (!response.isSuccessful()) {
        throw new IOException("the worker bundle at " + redacted(url) + " answered " + response.code());
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (InputStream in = response.body().byteStream()) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha.update(buffer, 0, n);
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The variables onstart.sh reads, to add to the instance's environment. */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VASTMESH_WORKER_BUNDLE_URL", url.toString());
    env.put("VASTMESH_WORKER_BUNDLE_SHA256", sha256);
    if (preset != null) {
      env.put("VASTMESH_WORKER_PRESET", preset);
    }
    return env;
  }

  /**
   * The instance's onstart: the job's own script first (it may start the model server), then the
   * bundle's installer, without its comment lines (they are for readers of the file, and an
   * instance's onstart is short).
   */
  String onstart(@Nullable String own) throws IOException {
    String script;
    try (InputStream in = WorkerBundle.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the CLI's jar");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String body = script.lines().filter(line -> !line.stripLeading().startsWith("#")).collect(Collectors.joining("\n", "", "\n"));
    return "#!/bin/bash\n" + (own == null || own.isBlank() ? "" : own.strip() + "\n") + body;
  }

  /** A presigned URL's query is its signature: never printed. */
  static String redacted(URI url) {
    String text = url.toString();
    int query = text.indexOf('?');
    return query < 0 ? text : text.substring(0, query) + "?<redacted>";
  }
}
