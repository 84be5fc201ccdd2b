@NullMarked
package dev.vastmesh.worker.config;

import org.jspecify.annotations.NullMarked;
