/**
 * Checks a cloudflared ingress file against the plane rule: public hostnames only, nothing routed into the tailnet, a 404 catch-all last.
 */
@NullMarked
package dev.vastmesh.storage.cloudflared;

import org.jspecify.annotations.NullMarked;
