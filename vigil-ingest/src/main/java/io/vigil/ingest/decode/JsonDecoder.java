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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes one JSON object per raw event into a tree of maps, lists and scalars. Bounded: nesting depth,
 * number of values and string length are limited so that hostile input fails fast with a typed result
 * instead of exhausting memory or stack.
 */
public final class JsonDecoder implements Decoder {

    public static final String CODEC = "json";

    private final JsonFactory factory;
    private final int maxValues;
    private final int maxDepth;

    public JsonDecoder(DecoderLimits limits) {
        this.maxValues = limits.maxFields();
        this.maxDepth = limits.maxDepth();
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
            int[] budget = {maxValues};
            Map<String, Object> fields = readObject(parser, budget, 1);
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

    private Map<String, Object> readObject(JsonParser parser, int[] budget, int depth) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            spend(budget);
            object.put(name, readValue(parser, parser.nextToken(), budget, depth));
        }
        return object;
    }

    private List<Object> readArray(JsonParser parser, int[] budget, int depth) throws IOException {
        List<Object> array = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            spend(budget);
            array.add(readValue(parser, token, budget, depth));
        }
        return array;
    }

    private Object readValue(JsonParser parser, JsonToken token, int[] budget, int depth) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                checkDepth(depth + 1);
                yield readObject(parser, budget, depth + 1);
            }
            case START_ARRAY -> {
                checkDepth(depth + 1);
                yield readArray(parser, budget, depth + 1);
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT, LONG -> parser.getLongValue();
                default -> parser.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonProcessingException("unexpected token " + token, parser.currentLocation()) {
            };
        };
    }

    private void checkDepth(int depth) {
        if (depth > maxDepth) {
            throw new LimitExceeded("JSON nesting deeper than " + maxDepth + " levels");
        }
    }

    private void spend(int[] budget) {
        if (--budget[0] < 0) {
            throw new LimitExceeded("JSON object has more than " + maxValues + " values");
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

    /** A bound of {@link DecoderLimits} was hit; unchecked so that it unwinds the recursive descent. */
    private static final class LimitExceeded extends RuntimeException {
        LimitExceeded(String message) {
            super(message, null, false, false);
        }
    }
}
