@NullMarked
package dev.vastmesh.gateway.ingest;

import org.jspecify.annotations.NullMarked;
