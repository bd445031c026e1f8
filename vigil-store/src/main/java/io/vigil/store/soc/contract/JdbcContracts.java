package io.vigil.store.soc.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.tenant.TenantId;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.contract.Contracts;
import io.vigil.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Tenants' contracts ({@code sla_contract}, migration V17), one JSON document per tenant in the shape of
 * {@link ContractDocument}, with a version that counts the changes.
 */
public final class JdbcContracts implements Contracts {

    /** A stored contract and who changed it last. */
    public record StoredContract(Contract contract, int version, Instant changedAt, String changedBy) {
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Clock clock;

    public JdbcContracts(DataSource dataSource, ObjectMapper json, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Contract> find(TenantId tenant) {
        return stored(tenant).map(StoredContract::contract);
    }

    public Optional<StoredContract> stored(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return Jdbc.withConnection(dataSource, "reading the contract of " + tenant, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT document, version, changed_at, changed_by FROM sla_contract WHERE tenant_id = ?")) {
                select.setObject(1, tenant.value());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredContract(read(tenant, row.getString("document")), row.getInt("version"),
                            Jdbc.instant(row, "changed_at"), row.getString("changed_by")));
                }
            }
        });
    }

    /** Creates or replaces the tenant's contract; returns it as stored. */
    public StoredContract save(TenantId tenant, Contract contract, String changedBy) {
        Objects.requireNonNull(tenant, "tenant");
        String document;
        try {
            document = json.writeValueAsString(ContractDocument.write(contract, json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a contract as JSON", e);
        }
        return Jdbc.inTransaction(dataSource, "saving the contract of " + tenant, connection -> {
            Instant now = Jdbc.now(clock);
            int version;
            try (PreparedStatement update = connection.prepareStatement("UPDATE sla_contract SET document = ?, "
                    + "version = version + 1, changed_at = ?, changed_by = ? WHERE tenant_id = ?")) {
                update.setString(1, document);
                update.setObject(2, Jdbc.timestamp(now));
                update.setString(3, Jdbc.text(changedBy));
                update.setObject(4, tenant.value());
                version = update.executeUpdate();
            }
            if (version == 0) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sla_contract "
                        + "(tenant_id, document, version, changed_at, changed_by) VALUES (?, ?, 1, ?, ?)")) {
                    insert.setObject(1, tenant.value());
                    insert.setString(2, document);
                    insert.setObject(3, Jdbc.timestamp(now));
                    insert.setString(4, Jdbc.text(changedBy));
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT version FROM sla_contract WHERE tenant_id = ?")) {
                select.setObject(1, tenant.value());
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return new StoredContract(contract, row.getInt(1), now, changedBy);
                }
            }
        });
    }

    private Contract read(TenantId tenant, String document) {
        try {
            // The zone only matters for documents without one; every stored document names its zone.
            return switch (ContractDocument.parse(json.readTree(document), ZoneOffset.UTC)) {
                case ContractDocument.Parsed.Valid valid -> valid.contract();
                case ContractDocument.Parsed.Invalid invalid -> throw new IllegalStateException(
                        "the stored contract of " + tenant + " no longer parses: " + invalid.problems());
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored contract of " + tenant + " is not JSON", e);
        }
    }
}
