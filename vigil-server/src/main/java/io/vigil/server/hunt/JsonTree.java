package io.vigil.server.hunt;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON value from a streaming parser into plain Java values, as Jackson's untyped binding does: objects as
 * {@link LinkedHashMap} in document order (a repeated key keeps its last value), arrays as {@link ArrayList}, strings,
 * {@code Integer}/{@code Long}/{@code BigInteger} or {@code Double} numbers, {@code Boolean} and null. Reading the
 * tokens directly skips the binding's per-value dispatch and per-document context, which is a third of the cost of
 * decoding an event when a hunt reads hundreds of thousands of them. Nesting is bounded by the parser's
 * {@link com.fasterxml.jackson.core.StreamReadConstraints}.
 */
final class JsonTree {

    private JsonTree() {
    }

    /** The object whose {@code START_OBJECT} token the parser is on, read through its {@code END_OBJECT}. */
    static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            object.put(name, value(parser, parser.nextToken()));
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "unexpected end of input inside an object");
        }
        return object;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new JsonParseException(parser, "unexpected end of input");
        }
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_EMBEDDED_OBJECT -> parser.getEmbeddedObject();
            default -> throw new JsonParseException(parser, "unexpected token " + token);
        };
    }

    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> array = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            array.add(value(parser, token));
        }
        return array;
    }
}
