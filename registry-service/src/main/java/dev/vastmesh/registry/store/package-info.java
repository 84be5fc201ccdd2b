@NullMarked
package dev.vastmesh.registry.store;

import org.jspecify.annotations.NullMarked;
