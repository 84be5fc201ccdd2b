package dev.vastmesh.registry.api;

import dev.vastmesh.registry.instance.RegisteredInstance;

/**
 * What {@code POST /register} answers.
 *
 * @param instanceToken a bearer token that can only heartbeat or deregister this instance;
 *     shown once, stored only as a hash. Re-registering issues a new one.
 */
public record RegistrationResponse(RegisteredInstance instance, String instanceToken) {
}
