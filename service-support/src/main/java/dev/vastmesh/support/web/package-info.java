@NullMarked
package dev.vastmesh.support.web;

import org.jspecify.annotations.NullMarked;
