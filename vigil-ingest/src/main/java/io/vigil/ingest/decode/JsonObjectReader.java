package io.vigil.ingest.decode;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.core.json.JsonObjectMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON objects from a streaming parser into a tree of {@link JsonObjectMap}s, {@code ArrayList}s and scalars:
 * {@code String}, {@code Long} (or {@code BigInteger} beyond a long), {@code Double}, {@code Boolean} and null. A
 * repeated member name keeps its first place and its last value. Bounded: at most {@code maxValues} members and
 * elements in all and {@code maxDepth} levels of nesting, beyond which it throws {@link LimitExceeded}; the
 * parser's own constraints (string and number length) apply as well. One reader serves one thread: it keeps a
 * {@link JsonObjectMap.Builder} from object to object.
 */
public final class JsonObjectReader {

    private final int maxValues;
    private final int maxDepth;
    private final JsonObjectMap.Builder members = new JsonObjectMap.Builder();
    private int budget;

    public JsonObjectReader(int maxValues, int maxDepth) {
        this.maxValues = maxValues;
        this.maxDepth = maxDepth;
    }

    /**
     * The object whose {@code START_OBJECT} is the parser's current token, read up to and including its end.
     *
     * @throws LimitExceeded when the object has more values or levels than allowed
     */
    public Map<String, Object> object(JsonParser parser) throws IOException {
        budget = maxValues;
        try {
            return object(parser, 1);
        } catch (IOException | RuntimeException e) {
            members.reset();
            throw e;
        }
    }

    private Map<String, Object> object(JsonParser parser, int depth) throws IOException {
        int mark = members.start();
        for (String name; (name = parser.nextFieldName()) != null; ) {
            spend();
            members.add(name, value(parser, parser.nextToken(), depth));
        }
        if (!parser.hasToken(JsonToken.END_OBJECT)) {
            throw new JsonParseException(parser, "unexpected end of input inside an object");
        }
        return members.finish(mark);
    }

    private List<Object> array(JsonParser parser, int depth) throws IOException {
        List<Object> array = new ArrayList<>();
        for (JsonToken token; (token = parser.nextToken()) != JsonToken.END_ARRAY; ) {
            spend();
            array.add(value(parser, token, depth));
        }
        return array;
    }

    private Object value(JsonParser parser, JsonToken token, int depth) throws IOException {
        if (token == null) {
            throw new JsonParseException(parser, "unexpected end of input");
        }
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case START_OBJECT -> object(parser, deeper(depth));
            case START_ARRAY -> array(parser, deeper(depth));
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT, LONG -> parser.getLongValue();
                default -> parser.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new JsonParseException(parser, "unexpected token " + token);
        };
    }

    private int deeper(int depth) {
        if (depth + 1 > maxDepth) {
            throw new LimitExceeded("JSON nesting deeper than " + maxDepth + " levels");
        }
        return depth + 1;
    }

    private void spend() {
        if (--budget < 0) {
            throw new LimitExceeded("JSON object has more than " + maxValues + " values");
        }
    }
}
