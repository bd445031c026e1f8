package io.vigil.ingest.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vigil.core.event.RawEvent;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.Decoder;
import java.io.IOException;
import java.util.Map;

/**
 * Decodes one JSON object per raw event into a tree of maps, lists and scalars ({@link JsonObjectReader}). Bounded:
 * nesting depth, number of values and string length are limited so that hostile input fails fast with a typed
 * result instead of exhausting memory or stack.
 */
public final class JsonDecoder implements Decoder {

    public static final String CODEC = "json";

    private final JsonFactory factory;
    /** A reader per thread: the pipeline decodes on several ({@code vigil.pipeline.decode-threads}). */
    private final ThreadLocal<JsonObjectReader> reader;

    public JsonDecoder(DecoderLimits limits) {
        this.reader = ThreadLocal.withInitial(() -> new JsonObjectReader(limits.maxFields(), limits.maxDepth()));
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(1000)
                        .build())
                .build();
    }

    @Override
    public String codec() {
        return CODEC;
    }

    @Override
    public DecodeResult decode(RawEvent raw) {
        try (JsonParser parser = factory.createParser(raw.bytes())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new DecodeResult.Failed("empty input: expected a JSON object");
            }
            if (first != JsonToken.START_OBJECT) {
                return new DecodeResult.Failed("expected a JSON object, found " + describe(first));
            }
            Map<String, Object> fields = reader.get().object(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                return new DecodeResult.Failed("unexpected " + describe(trailing) + " after the JSON object at "
                        + location(parser));
            }
            return DecodeResult.Decoded.one(fields);
        } catch (LimitExceeded e) {
            return new DecodeResult.Failed(e.getMessage());
        } catch (JsonProcessingException e) {
            return new DecodeResult.Failed("invalid JSON at " + location(e) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            return new DecodeResult.Failed("unreadable JSON: " + e.getMessage());
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    private static String location(JsonParser parser) {
        return "line " + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "unknown position"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
}
