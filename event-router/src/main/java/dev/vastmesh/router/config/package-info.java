@NullMarked
package dev.vastmesh.router.config;

import org.jspecify.annotations.NullMarked;
