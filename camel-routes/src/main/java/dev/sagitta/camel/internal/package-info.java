/**
 * Implementation details of the Camel transport. No compatibility promise: anything here may change
 * in any release.
 */
@NullMarked
package dev.sagitta.camel.internal;

import org.jspecify.annotations.NullMarked;
