package io.vigil.server.hunt;

import java.io.IOException;

/** A JSON document grew past the record limit; the rest of its file cannot be framed again, so reading stops. */
final class RecordTooLongException extends IOException {

    RecordTooLongException(long limit) {
        super("record longer than " + limit + " bytes");
    }
}
