package dev.vastmesh.vastai.cli;

import dev.vastmesh.vastai.NotificationWebhooks;
import dev.vastmesh.vastai.model.Webhook;
import dev.vastmesh.vastai.model.WebhookWithSecret;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vastai webhooks list|create|update|delete|rotate-secret|test}: Vast's notification
 * webhooks, which the webhook-gateway receives on a source with {@code scheme: vast}. The secret
 * is printed once, to stdout only, by {@code create} and {@code rotate-secret}: Vast never shows
 * it again.
 */
@Command(name = "webhooks", description = "Vast.ai notification webhooks (outbid, low credit, instance offline, ...).",
    subcommands = {WebhooksCommand.ListHooks.class, WebhooksCommand.Create.class, WebhooksCommand.Update.class,
        WebhooksCommand.Delete.class, WebhooksCommand.RotateSecret.class, WebhooksCommand.Test.class})
final class WebhooksCommand {

  /** Shared by the subcommands: the client and the output stream. */
  abstract static class Base implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    NotificationWebhooks webhooks() throws IOException {
      return ((VastCli) spec.root().userObject()).client().webhooks();
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    static String describe(Webhook w) {
      return String.format("%-8d %-20s %s  [%s]", w.id(), w.name() == null ? "-" : w.name(), w.webhookUrl(),
          String.join(",", w.eventTypes()));
    }

    /** The secret on stdout, once, with where it goes; nothing of it anywhere else. */
    void printSecret(WebhookWithSecret created, String verb) {
      PrintWriter out = out();
      out.println("webhook " + created.webhook().id() + " " + verb + ": " + created.webhook().webhookUrl());
      out.println("webhook_secret: " + created.secret());
      out.println("Store it now: Vast never shows it again. It is the secret of the webhook-gateway source this URL points at:");
      out.println("  vastmesh.gateway.sources.<source>.scheme=vast");
      out.println("  vastmesh.gateway.sources.<source>.secrets[0]=<the secret>   (keep the previous secret as secrets[1]"
          + " until deliveries verify with the new one)");
    }
  }

  @Command(name = "list", description = "List the account's webhooks (never their secrets).")
  static final class ListHooks extends Base {
    @Option(names = "--json", description = "print the webhooks as JSON") boolean json;

    @Override
    public Integer call() throws Exception {
      List<Webhook> hooks = webhooks().list();
      if (json) {
        out().println(VastCli.JSON.writeValueAsString(hooks));
        return 0;
      }
      out().printf("%-8s %-20s %s%n", "ID", "NAME", "URL  [EVENT TYPES]");
      hooks.forEach(w -> out().println(describe(w)));
      return 0;
    }
  }

  @Command(name = "create", description = "Create a webhook; prints its secret once.")
  static final class Create extends Base {
    @Option(names = "--url", required = true, description = "the gateway's https:// URL, e.g. https://gw.example.com/api/v1/webhooks/vast")
    String url;
    @Option(names = "--event-types", required = true, split = ",", description = "full keys, e.g. client:outbid,client:low_credit")
    List<String> eventTypes;
    @Option(names = "--name", description = "a name for the webhook, at most 120 characters") @Nullable String name;

    @Override
    public Integer call() throws Exception {
      NotificationWebhooks webhooks = webhooks();
      // Refused here, before anything is sent (Vast delivers only to https, and wants full keys).
      NotificationWebhooks.checkCreate(name, url, eventTypes);
      int existing = webhooks.list().size();
      if (existing >= NotificationWebhooks.MAX_PER_ACCOUNT) {
        err().println("warning: the account already has " + existing + " webhooks and Vast allows "
            + NotificationWebhooks.MAX_PER_ACCOUNT + "; delete one first (vastai webhooks delete <id>) or Vast refuses this one");
      } else if (existing == NotificationWebhooks.MAX_PER_ACCOUNT - 1) {
        err().println("warning: this is the account's last webhook of the " + NotificationWebhooks.MAX_PER_ACCOUNT + " Vast allows");
      }
      WebhookWithSecret created = webhooks.create(name, url, eventTypes);
      printSecret(created, "created");
      if (!created.enabledNotificationPreferences().isEmpty()) {
        err().println("webhook channel turned on for: " + String.join(", ", created.enabledNotificationPreferences()));
      }
      return 0;
    }
  }

  @Command(name = "update", description = "Change a webhook's name, URL or event types.")
  static final class Update extends Base {
    @Parameters(index = "0", description = "the webhook's id (vastai webhooks list)") long id;
    @Option(names = "--url", description = "the new https:// URL") @Nullable String url;
    @Option(names = "--event-types", split = ",", description = "the new full keys, e.g. client:outbid,client:low_credit")
    @Nullable List<String> eventTypes;
    @Option(names = "--name", description = "the new name") @Nullable String name;

    @Override
    public Integer call() throws Exception {
      if (url != null) {
        NotificationWebhooks.checkUrl(url);
      }
      out().println(describe(webhooks().update(id, name, url, eventTypes)));
      return 0;
    }
  }

  /** A verb on one webhook id. */
  abstract static class OnWebhook extends Base {
    @Parameters(index = "0", description = "the webhook's id (vastai webhooks list)") long id;

    abstract void apply(NotificationWebhooks webhooks, long webhookId);

    @Override
    public Integer call() throws Exception {
      apply(webhooks(), id);
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete a webhook.")
  static final class Delete extends OnWebhook {
    @Override
    void apply(NotificationWebhooks webhooks, long webhookId) {
      webhooks.delete(webhookId);
      out().println(VastCli.JSON.writeValueAsString(Map.of("success", true, "id", webhookId)));
    }
  }

  @Command(name = "rotate-secret", description = "Give a webhook a new secret; prints it once.")
  static final class RotateSecret extends OnWebhook {
    @Override
    void apply(NotificationWebhooks webhooks, long webhookId) {
      printSecret(webhooks.rotateSecret(webhookId), "has a new secret");
    }
  }

  @Command(name = "test", description = "Ask Vast to send a webhook_test delivery now.")
  static final class Test extends OnWebhook {
    @Override
    void apply(NotificationWebhooks webhooks, long webhookId) {
      out().println(webhooks.test(webhookId));
    }
  }
}
