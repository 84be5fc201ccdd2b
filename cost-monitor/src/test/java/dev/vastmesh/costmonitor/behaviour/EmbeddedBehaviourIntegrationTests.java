package dev.vastmesh.costmonitor.behaviour;

import dev.vastmesh.costmonitor.support.TestBeans;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/** The behaviour suite in the embedded mode (state in memory). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "vastmesh.cost-monitor.state=memory")
@Import(TestBeans.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EmbeddedBehaviourIntegrationTests extends CostMonitorBehaviour {
}
