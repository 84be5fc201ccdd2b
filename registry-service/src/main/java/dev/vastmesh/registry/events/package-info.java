@NullMarked
package dev.vastmesh.registry.events;

import org.jspecify.annotations.NullMarked;
