@NullMarked
package dev.vastmesh.support.config;

import org.jspecify.annotations.NullMarked;
