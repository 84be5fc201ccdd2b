@NullMarked
package dev.vastmesh.registry.discovery;

import org.jspecify.annotations.NullMarked;
