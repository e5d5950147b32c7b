package dev.sagitta.testing.store;

import dev.sagitta.engine.spi.DeadLetterStore;
import dev.sagitta.engine.spi.StoreConflictException;

/**
 * The behaviour every {@link DeadLetterStore} must have, as a JUnit 5 suite. Implement it in a test
 * class, on its own or next to {@link SagaStoreContract}, and supply the store:
 *
 * <pre>{@code
 * class MyStoreTest extends SagaStoreContract implements DeadLetterStoreContract {
 *     private final DeadLetterStore deadLetters = new MyDeadLetterStore(freshDatabase());
 *     public DeadLetterStore deadLetters() { return deadLetters; }
 * }
 * }</pre>
 *
 * <p>{@link #deadLetters()} must hold no letters when a test starts and return the same store for
 * the whole test (JUnit makes a new test instance per test, so a field will do; a shared database
 * must be emptied before each test). Some tests call it from threads of their own.
 *
 * <p>Every instant in these tests has millisecond precision, and a store must give back exactly the
 * instants it was given at that precision. Beyond the Javadoc of {@link DeadLetterStore}, the
 * contract pins down that:
 * <ul>
 *   <li>adding a letter whose id is taken throws {@link StoreConflictException} and keeps the first;</li>
 *   <li>a letter added already settled keeps its status, who settled it and when;</li>
 *   <li>{@code createdBefore} and {@code purgeCreatedBefore} exclude a letter created at that very instant;</li>
 *   <li>listing with a limit below 1, or settling to PENDING, throws {@link IllegalArgumentException};</li>
 *   <li>payloads of several megabytes, and any Unicode text in every text field, come back unchanged.</li>
 * </ul>
 */
public interface DeadLetterStoreContract extends StoringDeadLettersContract, ListingDeadLettersContract,
        SettlingDeadLettersContract {

    /** The store of the running test, empty when the test starts. */
    DeadLetterStore deadLetters();
}
