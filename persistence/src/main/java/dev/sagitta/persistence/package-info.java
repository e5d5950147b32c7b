/**
 * Sagitta's relational store: {@link dev.sagitta.persistence.SagaDatabase} opens an embedded H2
 * database or a PostgreSQL one, migrates its tables and hands out a
 * {@link dev.sagitta.engine.spi.SagaStore}.
 */
@NullMarked
package dev.sagitta.persistence;

import org.jspecify.annotations.NullMarked;
