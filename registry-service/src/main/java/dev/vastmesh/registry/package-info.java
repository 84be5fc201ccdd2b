@NullMarked
package dev.vastmesh.registry;

import org.jspecify.annotations.NullMarked;
