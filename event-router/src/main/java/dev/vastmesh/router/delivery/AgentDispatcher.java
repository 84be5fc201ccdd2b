package dev.vastmesh.router.delivery;

import dev.vastmesh.router.config.RouterProperties;
import dev.vastmesh.router.deadletter.DeadLetter;
import dev.vastmesh.router.deadletter.DeadLetterStore;
import dev.vastmesh.router.routing.Agent;
import dev.vastmesh.transport.Backoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to one agent through {@code concurrency} ordered lanes. A delivery's lane is chosen
 * by its event's subject (the instance), so the events of one subject reach the agent one after
 * another, in the order they were dispatched, while different subjects proceed in parallel.
 *
 * <p>A lane retries its head delivery (capped exponential back-off with jitter, or the agent's
 * Retry-After) before moving on, which is what keeps the order. When the head is dead-lettered
 * the lane moves on: later events of that subject are still delivered, and a replayed dead
 * letter then arrives after them. Agents that need strict order check the event time or id.
 */
public final class AgentDispatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AgentDispatcher.class);
  private static final String DELIVERIES = "Delivery attempts per agent, by outcome: delivered, retried, dead_lettered";

  private final Agent agent;
  private final AgentClient client;
  private final CircuitBreaker circuit;
  private final Backoff backoff;
  private final DeadLetterStore deadLetters;
  private final Clock clock;
  private final List<BlockingQueue<Delivery>> lanes = new ArrayList<>();
  private final List<Thread> workers = new ArrayList<>();
  private final Counter delivered;
  private final Counter retried;
  private final Counter deadLettered;
  private final Timer latency;
  private volatile boolean running = true;

  public AgentDispatcher(Agent agent, RouterProperties.Circuit circuitConfig, DeadLetterStore deadLetters, Clock clock,
      MeterRegistry meters) {
    this.agent = agent;
    this.client = new AgentClient(agent, clock);
    this.backoff = Backoff.exponential(agent.config().initialBackoff(), agent.config().maxBackoff());
    this.circuit = new CircuitBreaker(circuitConfig.failureThreshold(), circuitConfig.openFor(), clock);
    this.deadLetters = deadLetters;
    this.clock = clock;
    String name = agent.name();
    this.delivered = Counter.builder("vastmesh.router.deliveries").tag("agent", name).tag("outcome", "delivered")
        .description(DELIVERIES).register(meters);
    this.retried = Counter.builder("vastmesh.router.deliveries").tag("agent", name).tag("outcome", "retried")
        .description(DELIVERIES).register(meters);
    this.deadLettered = Counter.builder("vastmesh.router.deliveries").tag("agent", name).tag("outcome", "dead_lettered")
        .description(DELIVERIES).register(meters);
    this.latency = Timer.builder("vastmesh.router.delivery").tag("agent", name)
        .description("From dispatch to the agent's 2xx").publishPercentileHistogram().register(meters);
    Gauge.builder("vastmesh.router.queue.depth", this, AgentDispatcher::depth).tag("agent", name)
        .description("Deliveries waiting or in flight").register(meters);
    Gauge.builder("vastmesh.router.circuit.state", circuit, c -> c.state().ordinal()).tag("agent", name)
        .description("0 closed, 1 open, 2 half-open").register(meters);
    for (int i = 0; i < agent.config().concurrency(); i++) {
      BlockingQueue<Delivery> lane = new LinkedBlockingQueue<>();
      lanes.add(lane);
      workers.add(Thread.ofVirtual().name("deliver-" + name + "-" + i).start(() -> run(lane)));
    }
  }

  /** Queues a delivery on its subject's lane. */
  public void submit(Delivery delivery) {
    String key = delivery.event().subject() != null ? delivery.event().subject() : delivery.event().id();
    lanes.get(Math.floorMod(key.hashCode(), lanes.size())).add(delivery);
  }

  public int depth() {
    return lanes.stream().mapToInt(BlockingQueue::size).sum();
  }

  public Agent agent() {
    return agent;
  }

  private void run(BlockingQueue<Delivery> lane) {
    while (running) {
      Delivery delivery;
      try {
        delivery = lane.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (delivery == null) {
        continue;
      }
      try {
        deliver(delivery);
      } catch (InterruptedException e) {
        // Shutting down mid-delivery: the delivery stays unsettled (in Redis mode its stream
        // entry stays pending and another router, or this one restarted, delivers it).
        return;
      } catch (RuntimeException e) {
        log.error("delivery {} to {} failed unexpectedly", delivery.id(), agent.name(), e);
      }
    }
  }

  private void deliver(Delivery delivery) throws InterruptedException {
    long started = System.nanoTime();
    AttemptResult last = null;
    int attempts = 0;
    while (attempts < agent.config().maxAttempts()) {
      circuit.awaitPermission();
      attempts++;
      last = client.post(delivery);
      if (last.delivered()) {
        circuit.onSuccess();
        delivered.increment();
        latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        delivery.settled().run();
        return;
      }
      if (last.finalFailure()) {
        break;
      }
      circuit.onFailure();
      if (attempts < agent.config().maxAttempts()) {
        retried.increment();
        // The agent's Retry-After wins over our back-off (bounded by RetryAfter, so a typo cannot park a lane for days).
        Duration wait = backoff.delay(attempts, last.retryAfter());
        log.debug("delivery {} to {} failed ({}), attempt {}; retrying in {} ms", delivery.id(), agent.name(),
            last.describe(), attempts, wait.toMillis());
        Thread.sleep(wait.toMillis());
      }
    }
    deadLettered.increment();
    log.warn("delivery {} of {} to {} dead-lettered after {} attempt(s): {}", delivery.id(), delivery.event().type(),
        agent.name(), attempts, last.describe());
    deadLetters.add(new DeadLetter(delivery.id(), agent.name(), delivery.event().id(), delivery.event().type().wireName(),
        delivery.event().subject(), new String(delivery.json(), java.nio.charset.StandardCharsets.UTF_8), attempts,
        last.status(), last.describe(), clock.instant()));
    delivery.settled().run();
  }

  @Override
  public void close() {
    running = false;
    workers.forEach(Thread::interrupt);
    client.close();
  }
}
