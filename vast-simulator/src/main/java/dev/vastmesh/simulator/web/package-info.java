@NullMarked
package dev.vastmesh.simulator.web;

import org.jspecify.annotations.NullMarked;
