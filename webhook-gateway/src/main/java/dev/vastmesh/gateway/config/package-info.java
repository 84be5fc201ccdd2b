@NullMarked
package dev.vastmesh.gateway.config;

import org.jspecify.annotations.NullMarked;
