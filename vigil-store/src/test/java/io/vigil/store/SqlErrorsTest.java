package io.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    @Test
    void connectionFailuresAreTemporaryWithOneSecondRetry() {
        assertThat(SqlErrors.translate("writing", new SQLTransientConnectionException("pool timeout")))
                .isInstanceOfSatisfying(TemporaryException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(SqlErrors.translate("writing", new SQLRecoverableException("closed")))
                .isInstanceOf(TemporaryException.class);
        assertThat(SqlErrors.translate("writing", new SQLException("refused", "08001")))
                .isInstanceOf(TemporaryException.class);
        assertThat(SqlErrors.translate("writing", new SQLException("I/O error", null, new ConnectException())))
                .isInstanceOf(TemporaryException.class);
    }

    @Test
    void rolledBackTransactionsAndServerRestartsAreTemporary() {
        assertThat(SqlErrors.translate("writing", new SQLException("deadlock", "40P01"))).isInstanceOf(TemporaryException.class);
        assertThat(SqlErrors.translate("writing", new SQLException("serialization", "40001"))).isInstanceOf(TemporaryException.class);
        assertThat(SqlErrors.translate("writing", new SQLException("admin shutdown", "57P01"))).isInstanceOf(TemporaryException.class);
    }

    @Test
    void otherFailuresArePermanent() {
        assertThat(SqlErrors.translate("writing", new SQLException("syntax", "42601"))).isInstanceOf(PermanentException.class);
        assertThat(SqlErrors.translate("writing", new SQLException("unique", "23505"))).isInstanceOf(PermanentException.class);
        assertThat(SqlErrors.translate("writing", new SQLException("no state"))).isInstanceOf(PermanentException.class);
    }

    @Test
    void aBatchIsJudgedAndReportedByTheStatementThatFailed() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO t VALUES ('tenant data')",
                null, new int[0]);
        batch.setNextException(new SQLException("connection lost", "08006"));

        var translated = SqlErrors.translate("writing 3 events", batch);

        assertThat(translated).isInstanceOf(TemporaryException.class)
                .hasMessage("writing 3 events failed: connection lost")
                .hasMessageNotContaining("tenant data");
    }

    @Test
    void recognisesConstraintViolationsOfBothDatabases() {
        assertThat(SqlErrors.isUniqueViolation(new SQLException("dup", "23505"))).isTrue();
        assertThat(SqlErrors.isMissingParent(new SQLException("pg", "23503"))).isTrue();
        assertThat(SqlErrors.isMissingParent(new SQLException("h2", "23506"))).isTrue();
        assertThat(SqlErrors.isMissingParent(new SQLException("dup", "23505"))).isFalse();
    }
}
