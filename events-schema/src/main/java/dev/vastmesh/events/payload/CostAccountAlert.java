package dev.vastmesh.events.payload;

import org.jspecify.annotations.Nullable;

/**
 * The provider warns about the account's money: the balance is running low or a payment failed
 * ({@code vastai.cost.account_alert}). Every instance of the account is at stake, so this is
 * account-wide, not about one instance.
 *
 * <p>Vast states amounts only in its text, so they are not fields: {@code subject} and
 * {@code message} carry its words, for a person or for an agent that reads the balance itself.
 *
 * @param currency the account's currency (Vast's credit is in US dollars)
 * @param accountId the provider's account (Vast's {@code user_id}), when sent
 */
public record CostAccountAlert(
    AccountAlertKind kind,
    @Constraints.Pattern(Constraints.CURRENCY) String currency,
    @Constraints.MaxLength(256) String subject,
    @Nullable @Constraints.MaxLength(4096) String message,
    @Nullable @Constraints.Min(1) Long accountId) implements CostPayload {
}
