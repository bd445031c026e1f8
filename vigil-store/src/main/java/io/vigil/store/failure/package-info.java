/** The failure store in the relational database: input the pipeline could not process, with its bytes. */
package io.vigil.store.failure;
