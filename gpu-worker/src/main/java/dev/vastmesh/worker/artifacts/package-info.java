/**
 * Artifacts on the NAS: fetched before the model server is waited for (a model, a checkpoint),
 * pushed when the worker shuts down (a job's results). Instances hold presigned URLs, never keys.
 */
@NullMarked
package dev.vastmesh.worker.artifacts;

import org.jspecify.annotations.NullMarked;
