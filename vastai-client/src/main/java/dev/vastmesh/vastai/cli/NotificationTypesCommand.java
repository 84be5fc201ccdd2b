package dev.vastmesh.vastai.cli;

import dev.vastmesh.vastai.model.NotificationType;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vastai notification-types}: the keys a webhook may subscribe to. */
@Command(name = "notification-types", description = "List the notification types a webhook may subscribe to.")
final class NotificationTypesCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Option(names = "--json", description = "print the types as JSON") boolean json;

  @Override
  public Integer call() throws Exception {
    List<NotificationType> types = ((VastCli) spec.root().userObject()).client().webhooks().types();
    var out = spec.commandLine().getOut();
    if (json) {
      out.println(VastCli.JSON.writeValueAsString(types));
      return 0;
    }
    out.printf("%-32s %-10s %s%n", "KEY", "CATEGORY", "NAME");
    for (NotificationType type : types) {
      out.printf("%-32s %-10s %s%n", type.key(), type.category() == null ? "-" : type.category(),
          type.displayName() == null ? "" : type.displayName());
    }
    return 0;
  }
}
