package dev.vastmesh.simulator.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One instance's bill: the spans of what it used, per second, from creation until destroyed.
 * Kept after destroy, since its charges stay on the account.
 */
public final class Contract {

  private record Span(Instant start, @Nullable Instant end, Usage usage) {
  }

  private final long id;
  private final long userId;
  private final Instant created;
  private final Rates rates;
  private final List<Span> spans = new ArrayList<>();
  private volatile @Nullable String label;

  Contract(long id, long userId, Instant created, Rates rates, Usage first) {
    this.id = id;
    this.userId = userId;
    this.created = created;
    this.rates = rates;
    spans.add(new Span(created, null, first));
  }

  public long id() {
    return id;
  }

  public long userId() {
    return userId;
  }

  public Instant created() {
    return created;
  }

  public Rates rates() {
    return rates;
  }

  public @Nullable String label() {
    return label;
  }

  public void label(@Nullable String value) {
    label = value;
  }

  /** From {@code at} on, the contract pays for {@code usage}. */
  public synchronized void change(Instant at, Usage usage) {
    Span open = spans.getLast();
    if (open.end() != null || open.usage() == usage) {
      return;
    }
    Instant from = at.isBefore(open.start()) ? open.start() : at;
    spans.set(spans.size() - 1, new Span(open.start(), from, open.usage()));
    spans.add(new Span(from, null, usage));
  }

  /** The usage in {@code [from, to)}, open spans counted up to {@code now}. */
  public synchronized Cost cost(Instant from, Instant to, Instant now) {
    double gpu = 0;
    double storage = 0;
    for (Span span : spans) {
      Instant end = span.end() == null ? now : span.end();
      Instant a = span.start().isAfter(from) ? span.start() : from;
      Instant b = end.isBefore(to) ? end : to;
      if (!b.isAfter(a)) {
        continue;
      }
      double hours = Duration.between(a, b).toNanos() / 3.6e12;
      if (span.usage().gpu()) {
        gpu += hours;
      }
      if (span.usage().storage()) {
        storage += hours;
      }
    }
    return new Cost(gpu, storage, rates);
  }
}
