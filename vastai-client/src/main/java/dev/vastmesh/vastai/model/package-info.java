@NullMarked
package dev.vastmesh.vastai.model;

import org.jspecify.annotations.NullMarked;
