package dev.sagitta.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.sagitta.engine.spi.PayloadCodec;
import dev.sagitta.engine.spi.PayloadCodecException;
import java.util.Objects;

/**
 * JSON through Jackson: the default {@link PayloadCodec}.
 *
 * <p>Thread-safe. The default mapper knows {@code java.time} types, writes dates as ISO-8601 text,
 * and ignores unknown properties, so a participant may add fields to its replies without breaking
 * sagas that do not read them.
 */
public final class JacksonPayloadCodec implements PayloadCodec {

    private final ObjectMapper mapper;

    /** A codec with the default mapper described above. */
    public JacksonPayloadCodec() {
        this(defaultMapper());
    }

    /** A codec with the application's own mapper. */
    public JacksonPayloadCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The mapper the no-argument constructor uses. */
    public static ObjectMapper defaultMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Override
    public String encode(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PayloadCodecException("cannot encode " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T decode(String text, Class<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new PayloadCodecException("cannot decode JSON as " + type.getName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
