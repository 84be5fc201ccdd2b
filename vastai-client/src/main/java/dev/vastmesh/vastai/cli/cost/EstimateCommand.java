package dev.vastmesh.vastai.cli.cost;

import dev.vastmesh.vastai.cli.VastCli;
import dev.vastmesh.vastai.search.OfferSearch;
import dev.vastmesh.vastai.search.RentalKind;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vastai cost estimate}: live offers for a query, each priced per hour with the disk asked
 * for, for {@code --hours} × {@code --count} instances and for a month of 730 hours; cheapest
 * first. No matching offer is exit 10, as for {@code deploy}.
 */
@Command(name = "estimate", description = "What the offers matching a query would cost for N hours, and a month (730 h).")
final class EstimateCommand implements Callable<Integer> {

  /** A month as cost projections count it (8760 h / 12). */
  static final int HOURS_PER_MONTH = 730;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Option(names = "--query", required = true, description = "the offer query, e.g. 'gpu_name=RTX_4090 num_gpus=1'") String query;
  @Option(names = "--hours", required = true, description = "hours each instance runs") double hours;
  @Option(names = "--count", defaultValue = "1", description = "instances; default ${DEFAULT-VALUE}") int count;
  @Option(names = "--disk", defaultValue = "20", description = "disk per instance in GB (billed as storage); default ${DEFAULT-VALUE}")
  double disk;
  @Option(names = "--type", defaultValue = "on-demand", description = "on-demand, interruptible (priced at the minimum bid) or reserved")
  String type;
  @Option(names = "--limit", defaultValue = "20", description = "at most this many offers; default ${DEFAULT-VALUE}") int limit;
  @Option(names = {"-n", "--no-default"}, description = "no default filters") boolean noDefaults;
  @Option(names = "--json", description = "print the estimate as JSON") boolean json;

  @Override
  public Integer call() throws Exception {
    if (!(hours > 0) || Double.isInfinite(hours)) {
      throw new IllegalArgumentException("--hours must be a positive number");
    }
    if (count < 1 || limit < 1 || !(disk >= 0)) {
      throw new IllegalArgumentException("--count and --limit must be at least 1, --disk not negative");
    }
    RentalKind kind = RentalKind.of(type);
    OfferSearch search = OfferSearch.parse(query, !noDefaults).orderBy("dph+").type(kind).storage(disk).limit(limit);
    List<OfferCost> costs = ((VastCli) spec.root().userObject()).client().searchOffers(search).stream()
        .map(o -> OfferCost.of(o, kind, disk))
        .sorted(Comparator.comparing(OfferCost::perHour).thenComparingLong(c -> c.offer().id())).toList();
    Estimate estimate = new Estimate(query, kind, disk, hours, count, costs);
    if (json) {
      spec.commandLine().getOut().println(VastCli.JSON.writeValueAsString(EstimateView.json(estimate)));
    } else {
      EstimateView.table(estimate, spec.commandLine().getOut());
    }
    if (costs.isEmpty()) {
      spec.commandLine().getErr().println("error: no offer matches the query");
      return VastCli.NO_OFFER;
    }
    return 0;
  }

  /** What was asked and the offers' costs, cheapest first. */
  record Estimate(String query, RentalKind kind, double disk, double hours, int count, List<OfferCost> offers) {
  }
}
