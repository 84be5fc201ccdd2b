@NullMarked
package dev.vastmesh.costmonitor.security;

import org.jspecify.annotations.NullMarked;
