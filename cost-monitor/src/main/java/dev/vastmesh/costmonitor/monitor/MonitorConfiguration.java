package dev.vastmesh.costmonitor.monitor;

import dev.vastmesh.costmonitor.budget.Actions;
import dev.vastmesh.costmonitor.budget.BudgetEngine;
import dev.vastmesh.costmonitor.config.CostMonitorProperties;
import dev.vastmesh.costmonitor.config.Secrets;
import dev.vastmesh.costmonitor.events.CostEvents;
import dev.vastmesh.costmonitor.events.EventSink;
import dev.vastmesh.costmonitor.events.RouterEventSink;
import dev.vastmesh.costmonitor.metrics.CostMetrics;
import dev.vastmesh.costmonitor.reaper.Reaper;
import dev.vastmesh.costmonitor.registry.HttpRegistry;
import dev.vastmesh.costmonitor.registry.Registry;
import dev.vastmesh.costmonitor.sampling.Sampler;
import dev.vastmesh.costmonitor.store.BudgetStore;
import dev.vastmesh.costmonitor.store.InMemoryStores;
import dev.vastmesh.costmonitor.store.LedgerStore;
import dev.vastmesh.costmonitor.store.Lease;
import dev.vastmesh.costmonitor.store.RedisStores;
import dev.vastmesh.costmonitor.vast.VastAccount;
import dev.vastmesh.costmonitor.vast.VastActions;
import dev.vastmesh.events.EventFactory;
import dev.vastmesh.support.config.StateMode;
import dev.vastmesh.transport.EventSender;
import dev.vastmesh.transport.HttpEventSender;
import dev.vastmesh.transport.RedisStreamSender;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the loop from the configuration: the two Vast keys, the registry, the state mode and the event transport. */
@Configuration(proxyBeanMethods = false)
class MonitorConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MonitorConfiguration.class);

  @Bean
  VastAccount vastAccount(CostMonitorProperties properties) {
    VastAccount account = VastAccount.from(properties.vast());
    if (!account.canAct()) {
      log.warn("no acting key (VASTAI_CLUSTER_OP_KEY): enforcement is off; budgets and the reaper only report");
    }
    return account;
  }

  @Bean
  Registry registry(CostMonitorProperties properties) {
    CostMonitorProperties.Registry config = properties.registry();
    if (config.url() == null) {
      log.info("no registry configured (vastmesh.cost-monitor.registry.url): no join, no orphan reaping, no ghosts");
      return Registry.NONE;
    }
    return new HttpRegistry(config.url(), Secrets.read(config.token(), config.tokenFile(), "the registry token"), config.timeout());
  }

  @Bean
  Stores stores(CostMonitorProperties properties, ObjectProvider<StringRedisTemplate> redis) {
    if (properties.state() == StateMode.REDIS) {
      RedisStores stores = new RedisStores(redis.getObject(), properties.redis().keyPrefix(), JsonMapper.builder().build());
      return new Stores(stores.ledger(), stores.budgets(properties.budgets()), stores.lease(properties.redis().leaseTtl()));
    }
    return new Stores(InMemoryStores.ledger(), InMemoryStores.budgets(properties.budgets()), Lease.ALONE);
  }

  /** The three stores of one state mode. */
  record Stores(LedgerStore ledger, BudgetStore budgets, Lease lease) {
  }

  @Bean
  BudgetStore budgetStore(Stores stores) {
    return stores.budgets();
  }

  @Bean
  @ConditionalOnMissingBean(EventSink.class)
  RouterEventSink routerEventSink(CostMonitorProperties properties, MeterRegistry meters, ObjectProvider<StringRedisTemplate> redis) {
    CostMonitorProperties.Events config = properties.events();
    boolean stream = config.transport() == CostMonitorProperties.Transport.STREAM
        || config.transport() == CostMonitorProperties.Transport.AUTO && properties.state() == StateMode.REDIS;
    EventSender sender = null;
    String where = "";
    if (stream) {
      StringRedisTemplate template = redis.getObject();
      sender = new RedisStreamSender((key, fields) -> template.opsForStream().add(MapRecord.create(key, fields)) != null, config.stream());
      where = "the Redis stream " + config.stream();
    } else if (config.routerUrl() != null) {
      sender = HttpEventSender.toRouter(config.routerUrl(), config.routerToken(), Duration.ofSeconds(10));
      where = "HTTP at " + config.routerUrl();
    }
    return new RouterEventSink(sender, where, config, meters);
  }

  @Bean
  CostEvents costEvents(Clock clock, EventSink sink) {
    return new CostEvents(EventFactory.create(clock, "/vastmesh/cost-monitor"), sink);
  }

  @Bean
  CostMetrics costMetrics(MeterRegistry meters, VastAccount account) {
    return new CostMetrics(meters, account.canAct());
  }

  @Bean
  CostMonitor costMonitor(CostMonitorProperties properties, VastAccount account, Registry registry, Stores stores, CostEvents events,
      CostMetrics metrics, Clock clock) {
    @Nullable Actions actions = account.actor().<Actions>map(VastActions::new).orElse(null);
    BudgetEngine engine = new BudgetEngine(events, actions, properties.protectionLabel(), metrics::acted);
    Reaper reaper = new Reaper(properties, registry, actions, events);
    Sampler sampler = new Sampler(account.reader(), registry, clock);
    return new CostMonitor(properties.sampleInterval(), properties.sampling(), sampler, stores.ledger(), stores.budgets(), stores.lease(),
        engine, reaper, events, metrics, clock);
  }
}
