/** Implementation details of events-schema; not part of its API. */
@NullMarked
package dev.vastmesh.events.internal;

import org.jspecify.annotations.NullMarked;
