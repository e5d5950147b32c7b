package dev.sagitta.testing;

import dev.sagitta.engine.spi.IdGenerator;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids {@code prefix-1}, {@code prefix-2}, ...: the same run gives the same ids. Thread-safe.
 */
public final class SequentialIdGenerator implements IdGenerator {

    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    public SequentialIdGenerator(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public String newId() {
        return prefix + "-" + next.incrementAndGet();
    }
}
