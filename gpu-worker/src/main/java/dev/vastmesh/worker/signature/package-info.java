@NullMarked
package dev.vastmesh.worker.signature;

import org.jspecify.annotations.NullMarked;
