@NullMarked
package dev.vastmesh.vastai.cli;

import org.jspecify.annotations.NullMarked;
