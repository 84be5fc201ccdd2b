@NullMarked
package dev.vastmesh.worker.serving;

import org.jspecify.annotations.NullMarked;
