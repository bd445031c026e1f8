package io.vigil.server.hunt;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.core.json.JsonObjectMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes JSON objects from a streaming parser into {@link JsonObjectMap}s, with the value types a data-binding
 * decode to {@code Map<String, Object>} gives: {@code String}, {@code Integer}/{@code Long}/{@code BigInteger},
 * {@code Double}, {@code Boolean}, null, {@code List} (an {@code ArrayList}) and {@code Map}. The parser's own
 * limits (nesting depth, string length) still apply. Not thread-safe: one decoder per reading thread.
 */
final class JsonEventDecoder {

    private final JsonObjectMap.Builder members = new JsonObjectMap.Builder();

    /** The object whose {@code START_OBJECT} is the parser's current token, up to and including its end. */
    Map<String, Object> object(JsonParser parser) throws IOException {
        try {
            return objectAt(parser);
        } catch (IOException | RuntimeException e) {
            members.reset();
            throw e;
        }
    }

    private Map<String, Object> objectAt(JsonParser parser) throws IOException {
        int mark = members.start();
        for (String name; (name = parser.nextFieldName()) != null; ) {
            members.add(name, value(parser, parser.nextToken()));
        }
        if (!parser.hasToken(JsonToken.END_OBJECT)) {
            throw new JsonParseException(parser, "unexpected end of input inside an object");
        }
        return members.finish(mark);
    }

    private List<Object> array(JsonParser parser) throws IOException {
        List<Object> list = new ArrayList<>();
        for (JsonToken token; (token = parser.nextToken()) != JsonToken.END_ARRAY; ) {
            list.add(value(parser, token));
        }
        return list;
    }

    private Object value(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new JsonParseException(parser, "unexpected end of input");
        }
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case START_OBJECT -> objectAt(parser);
            case START_ARRAY -> array(parser);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_EMBEDDED_OBJECT -> parser.getEmbeddedObject();
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }
}
