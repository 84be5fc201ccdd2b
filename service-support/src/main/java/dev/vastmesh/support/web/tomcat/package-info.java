/** The problems of Tomcat's own refusals, for the services that run on it. */
@NullMarked
package dev.vastmesh.support.web.tomcat;

import org.jspecify.annotations.NullMarked;
