/**
 * What users put on their test classpath to test their own sagas deterministically, in virtual time:
 *
 * <ul>
 *   <li>{@link dev.sagitta.testing.SagaTestHarness}: a real engine on one thread with a virtual clock,
 *       an in-memory store and broker, and scripted participants ({@link dev.sagitta.testing.Reply});</li>
 *   <li>{@link dev.sagitta.testing.FaultPlan}: seeded message faults and a crash at a chosen
 *       {@link dev.sagitta.testing.CrashPoint};</li>
 *   <li>{@link dev.sagitta.testing.SagaExploration}: a scenario run under every crash point and many
 *       fault seeds, checked against {@link dev.sagitta.testing.SagaInvariants};</li>
 *   <li>{@link dev.sagitta.testing.SagaAssert} and {@link dev.sagitta.testing.CommandsAssert}: AssertJ
 *       checks that read as the scenario; {@link dev.sagitta.testing.SagaHarnessExtension} for JUnit 5;</li>
 *   <li>{@link dev.sagitta.testing.DefinitionCompatibility}: whether a new release finishes the sagas
 *       an old one left in flight.</li>
 * </ul>
 *
 * <p>In {@code dev.sagitta.testing.store}, the contract every {@code SagaStore} must pass.
 */
@NullMarked
package dev.sagitta.testing;

import org.jspecify.annotations.NullMarked;
