package io.vigil.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The CLI's reading of an export: events are copied byte for byte, the error record is recognised and held back. */
class ExportCopyTest {

    private static final String EVENTS = "{\"id\":\"a\",\"fields\":{\"error\":\"x\"}}\n{\"id\":\"b\"}\n";

    private record Copied(String out, String failure) {
    }

    private static Copied copy(String export, boolean csv) throws IOException {
        StringWriter out = new StringWriter();
        String failure = ExportCopy.copy(new StringReader(export), out, csv);
        return new Copied(out.toString(), failure);
    }

    @Test
    void copiesACompleteExportUnchanged() throws IOException {
        assertThat(copy(EVENTS, false)).isEqualTo(new Copied(EVENTS, null));
        String csv = "time,id,source,message\r\n2025-03-10T10:00:00Z,a,fw,\"two\r\n#error,lines\"\r\n2025-03-10T10:00:01Z,b,fw,x";
        assertThat(copy(csv, true)).as("#error inside a quoted cell is data").isEqualTo(new Copied(csv, null));
        assertThat(copy("", true)).isEqualTo(new Copied("", null));
    }

    @Test
    void recognisesTheJsonLinesErrorRecord() throws IOException {
        String record = "{\"error\":{\"error\":\"internal\",\"message\":\"the export failed after 2 events; the server"
                + " log has details\",\"problems\":[]},\"exported\":2}\n";
        Copied copied = copy(EVENTS + record, false);
        assertThat(copied.out()).isEqualTo(EVENTS);
        assertThat(copied.failure()).isEqualTo("the export failed after 2 events; the server log has details"
                + " (exported 2 events)");
    }

    @Test
    void recognisesTheCsvErrorRow() throws IOException {
        String rows = "time,id,source,message\r\n2025-03-10T10:00:00Z,a,fw,hello\r\n";
        Copied copied = copy(rows + "#error,bad_request,\"query took longer than PT30S, narrow it\",1\r\n", true);
        assertThat(copied.out()).isEqualTo(rows);
        assertThat(copied.failure()).isEqualTo("bad_request,\"query took longer than PT30S, narrow it\",1");
    }
}
