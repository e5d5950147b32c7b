package dev.sagitta.engine.spi;

/**
 * Turns saga data, commands and replies into text and back. The default is JSON through Jackson.
 *
 * <p>Implementations must be thread-safe.
 */
public interface PayloadCodec {

    String encode(Object value);

    /** Decodes {@code text}; throws {@link PayloadCodecException} when it does not fit {@code type}. */
    <T> T decode(String text, Class<T> type);
}
