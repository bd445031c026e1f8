package io.vigil.store.search;

/**
 * The index's field names. A user field {@code N} (a common field such as {@code src_endpoint.ip}, or a decoded
 * field's dotted path such as {@code EventID}) is indexed under prefixed names so that a number in one event and
 * a string in another never clash: {@code k.N} keyword (lower-cased, with the original values as doc values),
 * {@code n.N} number, {@code ip.N} IP address. The tenant is not a field at all: it is the directory.
 */
final class Fields {

    static final String ID = "_id";
    static final String TIME = "_time";
    static final String TEXT = "_text";
    static final String SOURCE = "_source";
    static final String RAW = "_raw";

    static final String KEYWORD = "k.";
    static final String NUMBER = "n.";
    static final String IP = "ip.";

    /** The user's names for the event time and id. */
    static final String USER_TIME = "time";
    static final String USER_ID = "id";

    private Fields() {
    }

    static String keyword(String field) {
        return KEYWORD + field;
    }

    static String number(String field) {
        return NUMBER + field;
    }

    static String ip(String field) {
        return IP + field;
    }
}
