package dev.vastmesh.vastai.cli;

import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.VastException;
import dev.vastmesh.vastai.deploy.DeployLabel;
import dev.vastmesh.vastai.deploy.DeployRequest;
import dev.vastmesh.vastai.deploy.DeployResult;
import dev.vastmesh.vastai.deploy.Deployer;
import dev.vastmesh.vastai.deploy.DeploymentEvents;
import dev.vastmesh.vastai.deploy.SignedEventSender;
import dev.vastmesh.vastai.model.CreateInstance;
import dev.vastmesh.vastai.model.Instance;
import dev.vastmesh.vastai.search.OfferSearch;
import dev.vastmesh.vastai.search.QuerySyntaxException;
import dev.vastmesh.vastai.search.RentalKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code vastai} command a CI job runs. The API key comes from {@code --api-key-file}, else
 * {@code VASTAI_API_KEY}, else {@code VAST_API_KEY} (the name Vast's CLI reads), never from an
 * argument (arguments end up in CI logs); {@code VAST_URL} overrides the API's address
 * ({@code VASTAI_RATE_LIMIT=off} drops the client-side spacing, for local test servers only).
 *
 * <p>Exit codes: 0 success; 1 unexpected error (one line; {@code VASTAI_DEBUG=1} adds the stack
 * trace); 2 usage error (an unreadable {@code --api-key-file} included); 10 no offer under the
 * maximum price; 11 every offer tried failed (taken, stuck, exited); 12 API or authentication
 * error; 13 transport error; 14 a local file could not be read or written.
 */
@Command(name = "vastai", mixinStandardHelpOptions = true, version = "vastmesh vastai 0.1.0",
    description = "Vast.ai from CI: search offers, manage instances, deploy.",
    subcommands = {VastCli.Search.class, VastCli.Create.class, VastCli.Show.class, VastCli.Destroy.class,
        VastCli.Start.class, VastCli.Stop.class, VastCli.Deploy.class, WebhooksCommand.class, NotificationTypesCommand.class,
        dev.vastmesh.vastai.cli.storage.StorageCommand.class, dev.vastmesh.vastai.cli.cost.CostCommand.class})
public final class VastCli {

  public static final int NO_OFFER = 10;
  public static final int ALL_OFFERS_FAILED = 11;
  public static final int API_ERROR = 12;
  public static final int TRANSPORT_ERROR = 13;
  /** A local file (a result file, an input) could not be read or written. */
  public static final int LOCAL_IO_ERROR = 14;
  /** A bug: an unexpected exception, reported in one line. */
  public static final int INTERNAL_ERROR = 1;

  // Vast's own spelling (snake_case), so JSON output reads like the API's answers.
  public static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
      .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE).build();

  private final Map<String, String> env;

  @Option(names = "--api-key-file", description = "read the API key from this file instead of VASTAI_API_KEY / VAST_API_KEY")
  @Nullable Path apiKeyFile;

  VastCli(Map<String, String> env) {
    this.env = env;
  }

  /** The environment the CLI runs with (the process's, or a test's). */
  public Map<String, String> environment() {
    return env;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
  }

  /** The entry point, with the environment and streams given (main uses the process's). */
  public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new VastCli(env));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
      switch (e) {
        case VastException.Transport t -> {
          err.println("error: " + t.getMessage());
          return TRANSPORT_ERROR;
        }
        case VastException v -> {
          err.println("error: " + v.getMessage());
          return API_ERROR;
        }
        case QuerySyntaxException q -> {
          err.println("error: " + q.getMessage());
          return 2;
        }
        case IllegalArgumentException i -> {
          err.println("error: " + i.getMessage());
          return 2;
        }
        case IOException io -> {
          err.println("error: " + describe(io));
          return LOCAL_IO_ERROR;
        }
        default -> {
          // A stack trace helps nobody in a CI log; VASTAI_DEBUG=1 brings it back for a bug report.
          err.println("error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
          if ("1".equals(env.get("VASTAI_DEBUG"))) {
            e.printStackTrace(err);
          } else {
            err.println("(set VASTAI_DEBUG=1 to print the stack trace)");
          }
          return INTERNAL_ERROR;
        }
      }
    });
    withHelpEverywhere(cli);
    return cli.execute(args);
  }

  /** Every subcommand answers {@code -h/--help} (and {@code -V/--version}) as the top level does. */
  static void withHelpEverywhere(CommandLine cli) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      if (!sub.getCommandSpec().mixinStandardHelpOptions()) {
        sub.getCommandSpec().mixinStandardHelpOptions(true);
      }
      withHelpEverywhere(sub);
    }
  }

  /** One line for a local file problem: which file and what is wrong with it. */
  static String describe(IOException io) {
    return switch (io) {
      case java.nio.file.NoSuchFileException missing -> "no such file: " + missing.getFile();
      case java.nio.file.AccessDeniedException denied -> "permission denied: " + denied.getFile();
      case java.nio.file.FileSystemException fs -> fs.getFile() + ": " + fs.getReason();
      default -> io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
    };
  }

  /** {@code --api-key-file}, else {@code VASTAI_API_KEY}, else Vast's own {@code VAST_API_KEY}; a blank one counts as unset. */
  String apiKey() {
    String key = env.get("VASTAI_API_KEY");
    if (key == null || key.isBlank()) {
      key = env.get("VAST_API_KEY");
    }
    if (apiKeyFile != null) {
      try {
        key = Files.readString(apiKeyFile).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read --api-key-file: " + describe(e));
      }
    }
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("no API key: set VASTAI_API_KEY (or Vast's VAST_API_KEY; a masked CI variable) or pass --api-key-file");
    }
    return key;
  }

  /** A client for the key and address this run was given. */
  public VastClient client() throws IOException {
    VastClient.Builder builder = VastClient.builder(apiKey()).baseUrl(env.getOrDefault("VAST_URL", "https://console.vast.ai"));
    if ("off".equals(env.get("VASTAI_RATE_LIMIT"))) {
      // Only for a local test server: against the real API the spacing is what avoids its penalties.
      builder.rateLimits(Map.of());
    }
    return builder.build();
  }

  @Command(name = "search", description = "Search offers.", subcommands = SearchOffersCommand.class)
  static final class Search {
  }

  /** KEY=VALUE pairs into a map. */
  static Map<String, String> env(List<String> pairs) {
    Map<String, String> env = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--env takes KEY=VALUE, not '" + pair + "'");
      }
      env.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return env;
  }

  @Command(name = "create", description = "Create things.", subcommands = CreateInstanceCommand.class)
  static final class Create {
  }

  @Command(name = "instance", description = "Rent an offer.")
  static final class CreateInstanceCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", description = "the offer (ask) id from search offers") long offerId;
    @Option(names = "--image", required = true, description = "the container image to run") String image;
    @Option(names = "--disk", defaultValue = "10", description = "disk in GB; default ${DEFAULT-VALUE}") double disk;
    @Option(names = "--env", description = "KEY=VALUE for the container, repeatable") List<String> env = List.of();
    @Option(names = "--onstart", description = "a shell script the instance runs at start") @Nullable String onstart;
    @Option(names = "--label", description = "the instance's label") @Nullable String label;
    @Option(names = "--price", description = "bid in $/h: an interruptible rental") @Nullable Double price;

    @Override
    public Integer call() throws Exception {
      VastCli root = (VastCli) spec.root().userObject();
      long id = root.client().createInstance(offerId, CreateInstance.of(image, disk).withEnv(VastCli.env(env))
          .withOnstart(onstart).withLabel(label).withBid(price));
      spec.commandLine().getOut().println(JSON.writeValueAsString(Map.of("success", true, "new_contract", id)));
      return 0;
    }
  }

  @Command(name = "show", description = "Show instances.", subcommands = {ShowInstances.class, ShowInstance.class})
  static final class Show {
  }

  @Command(name = "instances", description = "List every instance.")
  static final class ShowInstances implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--json", description = "print the instances as JSON") boolean json;

    @Override
    public Integer call() throws Exception {
      VastCli root = (VastCli) spec.root().userObject();
      List<Instance> instances = root.client().listInstances();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(JSON.writeValueAsString(instances));
      } else {
        out.printf("%-10s %-10s %-18s %8s %-16s %s%n", "ID", "STATUS", "GPU", "$/h", "IP", "LABEL");
        for (Instance i : instances) {
          out.printf("%-10d %-10s %-18s %8s %-16s %s%n", i.id(), i.actualStatus(), i.gpuName(),
              i.dphTotal() == null ? "-" : String.format("%.4f", i.dphTotal()), i.publicIpaddr(), i.label() == null ? "" : i.label());
        }
      }
      return 0;
    }
  }

  @Command(name = "instance", description = "Show one instance as JSON.")
  static final class ShowInstance implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", description = "the instance id") long id;

    @Override
    public Integer call() throws Exception {
      VastCli root = (VastCli) spec.root().userObject();
      var instance = root.client().showInstance(id);
      if (instance.isEmpty()) {
        spec.commandLine().getErr().println("error: no instance " + id);
        return API_ERROR;
      }
      spec.commandLine().getOut().println(JSON.writeValueAsString(instance.get()));
      return 0;
    }
  }

  /** What start and stop do to the instance their {@code instance <id>} names. */
  interface InstanceAction {
    void apply(VastClient vast, long id);
  }

  @Command(name = "destroy", description = "Destroy an instance.", subcommands = DestroyInstance.class)
  static final class Destroy {
  }

  /**
   * {@code destroy instance <id> [--if-exists]}: with {@code --if-exists} (a teardown job run
   * twice), an instance Vast answers it no longer has is success; anything Vast could not answer
   * is still an error, so nothing is taken as gone that was not read as gone.
   */
  @Command(name = "instance", description = "The instance, by id.")
  static final class DestroyInstance implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", description = "the instance id") long id;
    @Option(names = "--if-exists", description = "an instance Vast no longer has is success, not an error") boolean ifExists;

    @Override
    public Integer call() throws Exception {
      VastCli root = (VastCli) spec.root().userObject();
      VastClient vast = root.client();
      boolean gone = ifExists && vast.showInstance(id).isEmpty();
      if (!gone) {
        try {
          vast.destroyInstance(id);
        } catch (VastException.NotFound missing) {
          if (!ifExists) {
            throw missing;
          }
          gone = true;
        }
      }
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("success", true);
      answer.put("id", id);
      if (gone) {
        answer.put("already_gone", true);
      }
      spec.commandLine().getOut().println(JSON.writeValueAsString(answer));
      return 0;
    }
  }

  @Command(name = "start", description = "Start an instance.", subcommands = OnInstance.class)
  static final class Start implements InstanceAction {
    @Override
    public void apply(VastClient vast, long id) {
      vast.startInstance(id);
    }
  }

  @Command(name = "stop", description = "Stop an instance.", subcommands = OnInstance.class)
  static final class Stop implements InstanceAction {
    @Override
    public void apply(VastClient vast, long id) {
      vast.stopInstance(id);
    }
  }

  /** {@code start|stop instance <id>}: the one command behind the two, doing its parent's action. */
  @Command(name = "instance", description = "The instance, by id.")
  static final class OnInstance implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Parameters(index = "0", description = "the instance id") long id;

    @Override
    public Integer call() throws Exception {
      VastCli root = (VastCli) spec.root().userObject();
      InstanceAction action = (InstanceAction) spec.parent().userObject();
      action.apply(root.client(), id);
      spec.commandLine().getOut().println(JSON.writeValueAsString(Map.of("success", true, "id", id)));
      return 0;
    }
  }

  @Command(name = "deploy", description = "Rent the best offer under a price and wait until it runs; write a result file.")
  static final class Deploy implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Option(names = "--query", required = true, description = "the offer query, e.g. 'gpu_name=RTX_4090 num_gpus=1'") String query;
    @Option(names = {"-o", "--order"}, defaultValue = "dph+", description = "sort fields; default ${DEFAULT-VALUE} (cheapest first)") String order;
    @Option(names = "--max-price", required = true, description = "$/h") double maxPrice;
    @Option(names = "--image", required = true, description = "the container image to run") String image;
    @Option(names = "--disk", defaultValue = "20", description = "disk in GB; default ${DEFAULT-VALUE}") double disk;
    @Option(names = "--env", description = "KEY=VALUE for the container, repeatable") List<String> env = List.of();
    @Option(names = "--env-from", description = "NAME for the container with this process's value of NAME, repeatable: "
        + "a token for the instance stays off the command line") List<String> envFrom = List.of();
    @Option(names = "--onstart", description = "a shell script the instance runs at start") @Nullable String onstart;
    @Option(names = "--label", description = "the instance's label") @Nullable String label;
    @Option(names = "--bid", description = "rent interruptible at this $/h bid") @Nullable Double bid;
    @Option(names = "--offers", defaultValue = "3", description = "offers to try; default ${DEFAULT-VALUE}") int offers;
    @Option(names = "--poll", defaultValue = "PT5S", description = "how often to read the instance (ISO-8601); default ${DEFAULT-VALUE}") Duration poll;
    @Option(names = "--no-progress-timeout", defaultValue = "PT10M", description = "give an offer up when its status stops changing this long; default ${DEFAULT-VALUE}") Duration noProgress;
    @Option(names = "--offer-timeout", defaultValue = "PT45M", description = "give an offer up when it is not running after this long; default ${DEFAULT-VALUE}") Duration offerTimeout;
    @Option(names = "--idempotency-key", description = "e.g. $CI_PIPELINE_ID: a re-run adopts the instance") @Nullable String key;
    @Option(names = "--result", defaultValue = "vastai-deploy.json", description = "where the result file goes; default ${DEFAULT-VALUE}") Path result;
    @Option(names = "--dotenv", description = "also write the ready instance as KEY=VALUE lines (a GitLab dotenv report): "
        + "VASTAI_INSTANCE_ID, VASTAI_OFFER_ID, VASTAI_PUBLIC_IP, VASTAI_ADOPTED, VASTAI_PORT_<port>_<proto> per mapped port") @Nullable Path dotenv;
    @Option(names = "--events-url", description = "webhook gateway URL to report deployment events to; "
        + "the secret comes from VASTMESH_WEBHOOK_SECRET") @Nullable String eventsUrl;
    @Option(names = "--environment", description = "the environment, e.g. prod: the events carry it, and so does the instance's "
        + "label 'vastmesh-deploy:KEY;env=ENV', by which cost report groups") @Nullable String environment;
    @Option(names = "--worker-bundle", description = "install and run the gpu-worker bundle from this URL beside the image's "
        + "model server (written into onstart, after --onstart)") @Nullable String workerBundle;
    @Option(names = "--worker-bundle-sha256", description = "the bundle's SHA-256; without it the bundle is downloaded once "
        + "here to take it") @Nullable String workerBundleSha256;
    @Option(names = "--worker-preset", description = "the image's model server for the worker: vllm, tgi, tei, ollama, "
        + "embeddings or none") @Nullable String workerPreset;
    @Option(names = "--registry-enroll", description = "mint a one-time enrollment token from this registry with the token in "
        + RegistryEnrollment.CI_TOKEN_ENV + " (enroll scope) and give the instance only that, as VASTMESH_WORKER_REGISTRY_URL/_TOKEN")
    java.net.@Nullable URI registryEnroll;

    @Override
    public Integer call() throws Exception {
      VastCli root = (VastCli) spec.root().userObject();
      PrintWriter err = spec.commandLine().getErr();
      OfferSearch search = OfferSearch.parse(query).orderBy(order).type(bid != null ? RentalKind.INTERRUPTIBLE : RentalKind.ON_DEMAND)
          .storage(disk);
      Map<String, String> instanceEnv = VastCli.env(env);
      for (String name : envFrom) {
        String value = root.env.get(name);
        if (value == null || value.isEmpty()) {
          throw new IllegalArgumentException("--env-from " + name + ": " + name + " is not set");
        }
        instanceEnv.put(name, value);
      }
      String instanceOnstart = onstart;
      if (workerBundle != null) {
        WorkerBundle bundle = WorkerBundle.resolve(workerBundle, workerBundleSha256, workerPreset, new okhttp3.OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofMinutes(2)).build());
        instanceEnv.putAll(bundle.env());
        instanceOnstart = bundle.onstart(onstart);
        err.println("deploy: the instance installs the worker bundle " + WorkerBundle.redacted(bundle.url()) + " (sha256 " + bundle.sha256() + ")");
      } else if (workerBundleSha256 != null || workerPreset != null) {
        throw new IllegalArgumentException("--worker-bundle-sha256 and --worker-preset need --worker-bundle");
      }
      InstanceSecrets.refuseApiKey(root.apiKey(), instanceEnv, instanceOnstart);
      if (registryEnroll != null) {
        instanceEnv.putAll(enroll(root, instanceEnv, instanceOnstart, err));
      }
      DeployRequest request = new DeployRequest(search, maxPrice,
          CreateInstance.of(image, disk).withEnv(instanceEnv).withOnstart(instanceOnstart).withLabel(label),
          offers, poll, noProgress, offerTimeout, key, bid, environment);
      java.util.function.Consumer<String> progress = line -> err.println("deploy: " + line);
      DeploymentEvents events = DeploymentEvents.NONE;
      if (eventsUrl != null) {
        String secret = root.env.get("VASTMESH_WEBHOOK_SECRET");
        if (secret == null || secret.isBlank()) {
          throw new IllegalArgumentException("--events-url needs the source's secret in VASTMESH_WEBHOOK_SECRET");
        }
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5))
            .readTimeout(Duration.ofSeconds(30))
            .addInterceptor(new dev.vastmesh.vastai.internal.RetryInterceptor(3, Duration.ofMillis(200), 1.5, Duration.ofSeconds(2))).build();
        events = new SignedEventSender(http, eventsUrl, secret, java.time.Clock.systemUTC(), key, environment, progress);
      }
      DeployResult outcome = new Deployer(root.client(), progress, events).deploy(request);
      Map<String, Object> file = new LinkedHashMap<>();
      int code = switch (outcome) {
        case DeployResult.Ready ready -> {
          file.put("status", "ready");
          file.put("instance_id", ready.instanceId());
          file.put("offer_id", ready.offerId());
          file.put("gpu_name", ready.gpuName());
          file.put("dph_total", ready.dphTotal());
          file.put("public_ip", ready.publicIp());
          file.put("ports", ready.ports());
          file.put("adopted", ready.adopted());
          if (dotenv != null) {
            Files.writeString(dotenv, DeployDotenv.of(ready));
          }
          yield 0;
        }
        case DeployResult.NoOffer none -> {
          file.put("status", "no_offer");
          file.put("offers_found", none.offersFound());
          yield NO_OFFER;
        }
        case DeployResult.Failed failed -> {
          file.put("status", "failed");
          file.put("attempts", failed.attempts());
          yield ALL_OFFERS_FAILED;
        }
      };
      Files.writeString(result, JSON.writeValueAsString(file));
      spec.commandLine().getOut().println(JSON.writeValueAsString(file));
      return code;
    }

    /** The registry variables for the instance, with a freshly minted enrollment token; before anything is rented. */
    private Map<String, String> enroll(VastCli root, Map<String, String> instanceEnv, @Nullable String instanceOnstart,
        PrintWriter err) throws java.io.IOException {
      String ciToken = root.env.get(RegistryEnrollment.CI_TOKEN_ENV);
      if (ciToken == null || ciToken.isBlank()) {
        throw new IllegalArgumentException("--registry-enroll needs the CI's registry token (enroll scope) in " + RegistryEnrollment.CI_TOKEN_ENV);
      }
      if (instanceEnv.containsKey(RegistryEnrollment.WORKER_TOKEN_ENV)) {
        throw new IllegalArgumentException("--registry-enroll gives the instance " + RegistryEnrollment.WORKER_TOKEN_ENV
            + "; do not set it with --env or --env-from too");
      }
      InstanceSecrets.refuseSecret(ciToken, RegistryEnrollment.CI_TOKEN_ENV, instanceEnv, instanceOnstart);
      java.time.Duration ttl = RegistryEnrollment.ttl(offers, offerTimeout);
      Map<String, String> enrolled = RegistryEnrollment.workerEnv(registryEnroll, ciToken, ttl,
          new DeployLabel(key == null ? "" : key, environment).text(),
          new okhttp3.OkHttpClient.Builder().connectTimeout(java.time.Duration.ofSeconds(10)).readTimeout(java.time.Duration.ofSeconds(30)).build());
      err.println("deploy: the instance registers with a one-time enrollment token (valid " + ttl + ") from " + registryEnroll);
      return enrolled;
    }
  }
}
