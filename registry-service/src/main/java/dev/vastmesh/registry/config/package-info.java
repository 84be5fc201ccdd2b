@NullMarked
package dev.vastmesh.registry.config;

import org.jspecify.annotations.NullMarked;
