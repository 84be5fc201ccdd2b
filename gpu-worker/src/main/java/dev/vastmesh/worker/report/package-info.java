@NullMarked
package dev.vastmesh.worker.report;

import org.jspecify.annotations.NullMarked;
