@NullMarked
package dev.vastmesh.worker.workload;

import org.jspecify.annotations.NullMarked;
