package io.github.loomfactory.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The command's one JSON configuration, for decoding materials (JSON Lines and CSV) and encoding
 * products and rejects.
 *
 * <p>Materials decode strictly: every record component must be present (packets: see {@link PacketDefaults}; null is allowed for
 * reference types, not for primitives), unknown fields are ignored, enum constants match in any case, an empty CSV cell is null,
 * and times are ISO-8601 strings ({@code java.time} types). Products encode one object per line,
 * times as ISO-8601 strings. Public record constructors and accessors are called as they are,
 * so a record in an exported (or opened) package decodes without further set-up.
 */
final class Json {
    static final ObjectMapper MAPPER = create();
    // Jackson's hints on which feature to switch, which the command's user cannot do
    private static final java.util.regex.Pattern FEATURE_HINT = java.util.regex.Pattern.compile(
            " ?\\([^()]*DeserializationFeature[^()]*\\)|; ?`DeserializationFeature\\.[A-Z_]+` enabled");

    private Json() {
    }

    private static ObjectMapper create() {
        var mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(PacketDefaults.module())
                .disable(MapperFeature.OVERRIDE_PUBLIC_ACCESS_MODIFIERS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
        return mapper;
    }

    /** One line that says why a record did not decode, without Jackson's source excerpt. */
    static String reason(Exception e) {
        Throwable cause = e;
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            cause = v.getCause();
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
                return oneLine(cause.getMessage());
            }
            return oneLine(cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + cause.getMessage() : ""));
        }
        if (e instanceof JsonProcessingException j) {
            String message = FEATURE_HINT.matcher(j.getOriginalMessage()).replaceAll("");
            var location = j.getLocation();
            if (location != null && location.getColumnNr() > 0) {
                message += " (column " + location.getColumnNr() + ")";
            }
            return oneLine(message);
        }
        return oneLine(String.valueOf(cause.getMessage() != null ? cause.getMessage() : cause));
    }

    static String oneLine(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
