@NullMarked
package dev.vastmesh.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
