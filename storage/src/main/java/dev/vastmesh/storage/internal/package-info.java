/**
 * Implementation details; not part of the API.
 */
@NullMarked
package dev.vastmesh.storage.internal;

import org.jspecify.annotations.NullMarked;
