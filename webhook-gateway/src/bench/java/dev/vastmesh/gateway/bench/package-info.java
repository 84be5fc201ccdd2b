/** The benchmark's baseline endpoint (off by default). */
@NullMarked
package dev.vastmesh.gateway.bench;

import org.jspecify.annotations.NullMarked;
