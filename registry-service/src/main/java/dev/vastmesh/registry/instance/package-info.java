@NullMarked
package dev.vastmesh.registry.instance;

import org.jspecify.annotations.NullMarked;
