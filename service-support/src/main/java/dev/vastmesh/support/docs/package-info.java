/** The service's OpenAPI contract, served as it is: the file under {@code openapi/} is the source of truth. */
@NullMarked
package dev.vastmesh.support.docs;

import org.jspecify.annotations.NullMarked;
