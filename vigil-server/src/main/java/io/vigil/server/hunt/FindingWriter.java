package io.vigil.server.hunt;

import java.io.Flushable;
import java.io.IOException;

/** Where findings go, one at a time, in scan order. */
public interface FindingWriter extends Flushable {

    FindingWriter NONE = new FindingWriter() {
        @Override
        public void write(Finding finding) {
        }

        @Override
        public void write(CorrelationFinding finding) {
        }

        @Override
        public void flush() {
        }
    };

    void write(Finding finding) throws IOException;

    void write(CorrelationFinding finding) throws IOException;
}
