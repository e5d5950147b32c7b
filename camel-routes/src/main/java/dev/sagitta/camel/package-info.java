/**
 * Sagitta's transport over Apache Camel: {@link dev.sagitta.camel.CamelCommandTransport} sends the
 * engine's commands to any Camel endpoint and feeds replies back to it, and
 * {@link dev.sagitta.camel.ParticipantRoute} lets an in-JVM participant answer them. Commands and
 * replies travel as a JSON body with CloudEvents-style headers named in
 * {@link dev.sagitta.camel.SagittaHeaders}; in-JVM {@code seda:} endpoints are the default.
 */
@NullMarked
package dev.sagitta.camel;

import org.jspecify.annotations.NullMarked;
