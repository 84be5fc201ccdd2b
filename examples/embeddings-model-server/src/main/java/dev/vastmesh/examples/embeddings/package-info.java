/** A real model server for the demo: all-MiniLM-L6-v2 embeddings on the CPU behind an OpenAI-style API. */
@NullMarked
package dev.vastmesh.examples.embeddings;

import org.jspecify.annotations.NullMarked;
