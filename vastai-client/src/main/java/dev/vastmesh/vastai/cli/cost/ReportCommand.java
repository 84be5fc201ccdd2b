package dev.vastmesh.vastai.cli.cost;

import dev.vastmesh.vastai.VastClient;
import dev.vastmesh.vastai.cli.VastCli;
import dev.vastmesh.vastai.model.Instance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vastai cost report}: Vast's instance charges for a period (every page), grouped. The
 * environment and label come from the charges' metadata, else from the instance on the account
 * (read only when some charges lack it, and always for {@code --by gpu}); a contract that cannot
 * be told falls in a named group such as {@code (unlabelled)}.
 */
@Command(name = "report", description = "What Vast charged, grouped by instance, environment, label or GPU.")
final class ReportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Option(names = "--since", defaultValue = "30d", description = "from: 30d or 12h before --until, a date (00:00 UTC) "
      + "or an instant (2026-11-01T06:00:00Z); default ${DEFAULT-VALUE}")
  String since;
  @Option(names = "--until", description = "to: the same forms (30d: before now); default now") @Nullable String until;
  @Option(names = "--by", defaultValue = "instance", description = "instance, environment, label or gpu; default ${DEFAULT-VALUE}")
  String by;
  @Option(names = "--json", description = "print the report as JSON") boolean json;

  @Override
  public Integer call() throws Exception {
    Instant now = Instant.now();
    Instant to = until == null ? now : TimeArgument.parse(until, "--until", now);
    Instant from = TimeArgument.parse(since, "--since", to);
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("--since (" + from + ") must be before --until (" + to + ")");
    }
    Grouping grouping = Grouping.of(by);
    VastClient vast = ((VastCli) spec.root().userObject()).client();
    List<InstanceCharges> charges = InstanceCharges.of(vast.charges(from, to));
    Map<Long, Instance> instances = charges.stream().anyMatch(grouping::needsInstance)
        ? vast.listInstances().stream().collect(Collectors.toMap(Instance::id, Function.identity(), (a, b) -> a))
        : Map.of();
    CostReport report = CostReport.of(from, to, grouping, charges, instances);
    if (json) {
      spec.commandLine().getOut().println(VastCli.JSON.writeValueAsString(ReportView.json(report)));
    } else {
      ReportView.table(report, spec.commandLine().getOut());
    }
    return 0;
  }
}
