@NullMarked
package dev.vastmesh.router.security;

import org.jspecify.annotations.NullMarked;
