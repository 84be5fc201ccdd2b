package dev.vastmesh.simulator.support;

import dev.vastmesh.testsupport.ServiceClient;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole simulator on a random port with the test catalogue, the light stand-in as every
 * image's command, and fast boot steps; springdoc's document made from the code moved aside, so the
 * contract test can compare it with the contract file served at {@code /v3/api-docs}. Tests with
 * these same settings share one context.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.simulator.accounts[0].key=" + Sim.KEY,
    "vastmesh.simulator.accounts[0].user-id=1",
    "vastmesh.simulator.accounts[0].credit=1000",
    "vastmesh.simulator.accounts[1].key=" + Sim.OTHER_KEY,
    "vastmesh.simulator.accounts[1].user-id=2",
    "vastmesh.simulator.accounts[2].key=" + Sim.BILLING_KEY,
    "vastmesh.simulator.accounts[2].user-id=3",
    "vastmesh.simulator.accounts[2].credit=20",
    "vastmesh.simulator.accounts[2].low-balance-threshold=1",
    "vastmesh.simulator.admin.tokens[0].name=tests",
    "vastmesh.simulator.admin.tokens[0].value=" + Sim.ADMIN,
    "vastmesh.simulator.admin.tokens[0].scopes=admin",
    "vastmesh.simulator.catalogue=classpath:test-offers.json",
    "vastmesh.simulator.default-command=exec sleep 2147483647",
    "vastmesh.simulator.images.[sim/env]=env > env.txt; exec sleep 2147483647",
    "vastmesh.simulator.images.[sim/short]=exit 3",
    "vastmesh.simulator.lifecycle.step-delay=200ms",
    "vastmesh.simulator.lifecycle.stop-grace=1s",
    "vastmesh.simulator.webhooks.backoff=50ms",
    "vastmesh.simulator.webhooks.timeout=2s",
    "vastmesh.simulator.rate-limits.scale=0.2",
    ServiceClient.GENERATED_API_DOCS_PROPERTY})
@ActiveProfiles("test")
@Import(TestClock.class)
public @interface SimulatorTest {
}
