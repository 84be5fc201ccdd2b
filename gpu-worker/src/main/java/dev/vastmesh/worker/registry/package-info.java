@NullMarked
package dev.vastmesh.worker.registry;

import org.jspecify.annotations.NullMarked;
