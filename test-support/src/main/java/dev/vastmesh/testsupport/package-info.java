/**
 * What the tests of every vastmesh module share and nothing event-specific (the event fixtures
 * stay with events-schema): {@link dev.vastmesh.testsupport.ServiceClient} checks every response
 * against the service's OpenAPI file ({@link dev.vastmesh.testsupport.OpenApiContract}),
 * {@link dev.vastmesh.testsupport.RedisTestSupport} finds a real Redis and isolates each test's keys,
 * {@link dev.vastmesh.testsupport.MutableClock} is moved by hand, and
 * {@link dev.vastmesh.testsupport.FakeHttpServer} stands in for any HTTP peer. Depend on it in
 * test scope.
 */
@NullMarked
package dev.vastmesh.testsupport;

import org.jspecify.annotations.NullMarked;
