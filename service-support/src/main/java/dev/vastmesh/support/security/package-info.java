@NullMarked
package dev.vastmesh.support.security;

import org.jspecify.annotations.NullMarked;
