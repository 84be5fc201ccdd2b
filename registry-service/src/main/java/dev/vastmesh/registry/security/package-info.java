@NullMarked
package dev.vastmesh.registry.security;

import org.jspecify.annotations.NullMarked;
