package dev.vastmesh.vastai.cli;

import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.model.Offer;
import dev.vastmesh.vastai.search.OfferSearch;
import dev.vastmesh.vastai.search.RentalKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Stack;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vastai search offers}, taking what Vast's own CLI takes: the query as one quoted argument
 * or as several words (joined with spaces), its rental-type flags (the last one given wins), its
 * {@code --storage} and {@code --limit}, {@code --raw} for JSON.
 */
@Command(name = "offers", modelTransformer = SearchOffersCommand.LastOneWins.class,
    description = "Search offers with Vast's query language, e.g. 'gpu_name=RTX_4090 reliability>0.95' "
        + "(one quoted argument, or unquoted words as a shell splits them).")
final class SearchOffersCommand implements Callable<Integer> {

  private static final Set<String> TAKING_A_VALUE = Set.of("-o", "--order", "-t", "--type", "--storage", "--limit");

  @CommandLine.Spec CommandSpec spec;
  @Parameters(paramLabel = "QUERY", arity = "0..*", parameterConsumer = QueryWords.class,
      description = "the query; several words are joined with spaces") List<String> query = new ArrayList<>();
  @Option(names = {"-o", "--order"}, paramLabel = "ORDER", defaultValue = "score-",
      description = "sort fields, comma-separated: dph (ascending), score- (descending); default ${DEFAULT-VALUE}") String order;
  @Option(names = "--limit", paramLabel = "N", converter = PythonNumbers.Int.class, description = "at most this many offers (0: no limit)") @Nullable Integer limit;
  @Option(names = "--storage", paramLabel = "GIB", defaultValue = "5.0", converter = PythonNumbers.Float.class, description = "the disk (GiB) offers are priced with; default ${DEFAULT-VALUE}") double storage;
  @Option(names = {"-n", "--no-default"}, description = "no default filters (verified, not external, rentable)") boolean noDefaults;
  @Option(names = {"--json", "--raw"}, description = "print the offers as JSON") boolean json;
  private String type = "on-demand";
  private int queryRuns;

  @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "on-demand (default), bid (interruptible) or reserved")
  void type(String kind) {
    type = kind;
  }

  @Option(names = {"-i", "--interruptible", "-b", "--bid"}, description = "the same as --type=bid")
  void interruptible(boolean on) {
    typeIf(on, "bid");
  }

  @Option(names = {"-r", "--reserved"}, description = "the same as --type=reserved")
  void reserved(boolean on) {
    typeIf(on, "reserved");
  }

  @Option(names = {"-d", "--on-demand"}, description = "the same as --type=on-demand")
  void onDemand(boolean on) {
    typeIf(on, "on-demand");
  }

  private void typeIf(boolean on, String kind) {
    if (on) {
      type = kind;
    }
  }

  /** The search the arguments describe, as sent to {@code POST /api/v0/bundles/}. */
  OfferSearch search() {
    refuseOptionsAsValues(spec.commandLine().getParseResult().originalArgs());
    OfferSearch search = OfferSearch.parse(String.join(" ", query), !noDefaults).orderBy(order).type(RentalKind.of(type)).storage(storage);
    if (limit != null && limit < 0) {
      throw new IllegalArgumentException("--limit must not be negative");
    }
    return limit == null || limit == 0 ? search : search.limit(limit);
  }

  /** As argparse: {@code -o -dph} is an option without its value, not the order {@code -dph}. */
  private void refuseOptionsAsValues(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      if (TAKING_A_VALUE.contains(args.get(i)) && (i + 1 == args.size() || QueryWords.looksLikeOption(args.get(i + 1)))) {
        throw new CommandLine.ParameterException(spec.commandLine(), "option " + args.get(i) + " expects a value, not '"
            + (i + 1 == args.size() ? "" : args.get(i + 1)) + "'");
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    VastCli root = (VastCli) spec.root().userObject();
    OfferSearch search = search();
    VastClient vast = root.client();
    List<Offer> offers = vast.searchOffers(search);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(VastCli.JSON.writeValueAsString(offers));
      return 0;
    }
    out.printf("%-10s %-18s %3s %8s %6s %-14s %9s %5s%n", "ID", "GPU", "N", "$/h", "REL", "LOCATION", "DOWN", "CUDA");
    for (Offer o : offers) {
      out.printf("%-10d %-18s %3s %8s %6s %-14s %9s %5s%n", o.id(), o.gpuName(), o.numGpus(),
          o.dphTotal() == null ? "-" : String.format("%.4f", o.dphTotal()),
          o.reliability2() != null ? String.format("%.3f", o.reliability2()) : o.reliability() != null ? String.format("%.3f", o.reliability()) : "-",
          o.geolocation(), o.inetDown() == null ? "-" : String.format("%.0f", o.inetDown()), o.cudaMaxGood());
    }
    return 0;
  }

  /** As argparse: an option given twice takes the last value. */
  static final class LastOneWins implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec command) {
      command.parser().overwrittenOptionsAllowed(true);
      return command;
    }
  }

  /**
   * The query words, read as Vast's CLI (Python's argparse) reads them: one run of arguments that
   * do not look like options; a second run, after an option, is an error there and here.
   */
  static final class QueryWords implements CommandLine.IParameterConsumer {
    // argparse takes a negative number for an argument, not an option.
    private static final Pattern NEGATIVE_NUMBER = Pattern.compile("-\\d+|-\\d*\\.\\d+");

    @Override
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
      SearchOffersCommand command = (SearchOffersCommand) commandSpec.userObject();
      if (command.queryRuns++ > 0) {
        throw new CommandLine.ParameterException(commandSpec.commandLine(), "unrecognized arguments: " + args.peek()
            + " (the query's words go together, before or after the options)");
      }
      while (!args.isEmpty() && !looksLikeOption(args.peek())) {
        command.query.add(args.pop());
      }
    }

    static boolean looksLikeOption(String arg) {
      return arg.startsWith("-") && arg.length() > 1 && !NEGATIVE_NUMBER.matcher(arg).matches() && !arg.contains(" ");
    }
  }
}
