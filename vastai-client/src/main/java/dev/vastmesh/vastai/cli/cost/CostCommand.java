package dev.vastmesh.vastai.cli.cost;

import picocli.CommandLine.Command;

/** {@code vastai cost report|estimate}. */
@Command(name = "cost", description = "What Vast billed (report) and what offers would cost (estimate).",
    subcommands = {ReportCommand.class, EstimateCommand.class})
public final class CostCommand {
}
