/** The worker's contract, served as it is: {@code /v3/api-docs}, its YAML and Swagger UI. */
@NullMarked
package dev.vastmesh.worker.docs;

import org.jspecify.annotations.NullMarked;
