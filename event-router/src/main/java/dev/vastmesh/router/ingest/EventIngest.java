package dev.vastmesh.router.ingest;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventValidationException;
import dev.vastmesh.events.Violation;
import dev.vastmesh.router.delivery.EventDispatcher;
import dev.vastmesh.support.problem.FieldViolation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Takes one canonical event, or a batch (a JSON array): every event must be valid and routable,
 * or none is taken.
 */
@Service
public class EventIngest {

  private final EventCodec codec = EventCodec.standard();
  private final EventDispatcher dispatcher;
  private final EventIntake intake;
  private final MeterRegistry meters;

  EventIngest(EventDispatcher dispatcher, EventIntake intake, MeterRegistry meters) {
    this.dispatcher = dispatcher;
    this.intake = intake;
    this.meters = meters;
  }

  public Ingestion ingest(byte[] body) {
    JsonNode root;
    try {
      root = codec.readTree(body);
    } catch (JacksonException e) {
      return new Ingestion.Malformed("the body is not valid JSON");
    }
    List<JsonNode> nodes = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(nodes::add);
      if (nodes.isEmpty()) {
        return new Ingestion.Malformed("the batch is empty");
      }
    } else {
      nodes.add(root);
    }
    List<EventEnvelope> events = new ArrayList<>(nodes.size());
    List<FieldViolation> errors = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      try {
        events.add(codec.parse(nodes.get(i)));
      } catch (EventValidationException e) {
        // Pointers into the body: in a batch, each event's own pointer under its index.
        String prefix = root.isArray() ? "/" + i : "";
        for (Violation v : e.violations()) {
          errors.add(FieldViolation.at(prefix + v.pointer(), v.message(), v.kind().name()));
        }
      }
    }
    if (!errors.isEmpty()) {
      count("rejected_invalid", events.size() + 1);
      return new Ingestion.Invalid(errors);
    }
    List<String> unroutable = events.stream().filter(e -> !dispatcher.routable(e)).map(e -> e.type().wireName()).distinct().toList();
    if (!unroutable.isEmpty()) {
      unroutable.forEach(type -> Counter.builder("vastmesh.router.events.unroutable").tag("type", type)
          .description(EventDispatcher.UNROUTABLE_HELP).register(meters).increment());
      return new Ingestion.Unroutable(unroutable);
    }
    List<byte[]> jsons = events.stream().map(codec::serialize).toList();
    try {
      intake.accept(events, jsons);
    } catch (DataAccessException e) {
      return new Ingestion.Unavailable();
    }
    count("accepted", events.size());
    return new Ingestion.Accepted(events.stream().map(EventEnvelope::id).toList());
  }

  private void count(String outcome, int n) {
    Counter.builder("vastmesh.router.events.ingested").tag("outcome", outcome)
        .description("Events offered to POST /api/v1/events, by outcome").register(meters).increment(n);
  }
}
