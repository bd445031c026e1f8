package io.vigil.store.access;

import io.vigil.store.CrossTenant;
import io.vigil.core.access.Role;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Jdbc;
import io.vigil.store.NotFoundException;
import io.vigil.store.SqlErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Just-in-time access requests, each belonging to one tenant. Every read and change takes the tenant first; the
 * only ways in without one are {@link #activeGrants} and {@link #ofRequester} (one account's own rows) and
 * {@link #expireDue} (the system's expiry job).
 *
 * <p>A state change is one conditional {@code UPDATE} ({@code … WHERE state = 'pending'}): of two racing changes
 * (an approval and a withdrawal) the database lets exactly one match, and the other gets a
 * {@link TransitionRefusedException}. Each change takes a {@code beforeCommit} callback that runs inside the
 * transaction with the changed request; the audit log is written there, so that a change whose audit record
 * cannot be written is rolled back rather than left unaudited.
 */
public final class AccessRequests {

    /** Most expiries one {@link #expireDue} run claims; the rest wait for the next run. */
    static final int EXPIRY_BATCH = 500;

    private static final String COLUMNS = "seq, id, tenant_id, requester_id, requester_name, role, reason, "
            + "requested_duration_seconds, state, created_at, decide_by, decided_at, decider_id, decider_name, "
            + "decision_note, starts_at, expires_at, ended_at, ended_by_id, ended_by_name, end_note, expiry_recorded";

    private final DataSource dataSource;
    private final Clock clock;

    public AccessRequests(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Files a pending request.
     *
     * @param duration     how long the grant should last, whole seconds
     * @param decideWithin how long the request waits for a decision before it expires
     * @throws IllegalArgumentException for a client role, a reason that is blank or too long, a duration that is
     *                                  not a positive number of seconds
     * @throws NotFoundException        if the tenant does not exist
     */
    public AccessRequest create(TenantId tenant, UUID requesterId, String requesterName, Role role, String reason,
                                Duration duration, Duration decideWithin, Consumer<AccessRequest> beforeCommit) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(beforeCommit, "beforeCommit");
        if (role.audience() != Role.Audience.MSSP) {
            throw new IllegalArgumentException("only MSSP roles can be requested, not " + role.code());
        }
        if (reason == null || reason.isBlank() || reason.length() > AccessRequest.MAX_REASON) {
            throw new IllegalArgumentException("a reason of 1-" + AccessRequest.MAX_REASON + " characters is required");
        }
        if (duration.isNegative() || duration.isZero() || duration.getNano() != 0) {
            throw new IllegalArgumentException("duration must be a positive number of seconds: " + duration);
        }
        Instant now = Jdbc.now(clock);
        AccessRequest created = new AccessRequest(UUID.randomUUID(), tenant, requesterId, requesterName, role,
                Jdbc.text(reason), duration, AccessRequestState.PENDING, now, Jdbc.asStored(now.plus(decideWithin)),
                null, null, null, null, null, null, null, null, null, null, false);
        return Jdbc.inTransaction(dataSource, "filing an access request for tenant " + tenant, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO access_request (id, tenant_id, "
                    + "requester_id, requester_name, role, reason, requested_duration_seconds, state, created_at, "
                    + "decide_by, expiry_recorded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE)")) {
                insert.setObject(1, created.id());
                insert.setObject(2, tenant.value());
                insert.setObject(3, requesterId);
                insert.setString(4, Jdbc.text(requesterName));
                insert.setString(5, role.code());
                insert.setString(6, created.reason());
                insert.setLong(7, duration.getSeconds());
                insert.setString(8, AccessRequestState.PENDING.code());
                insert.setObject(9, Jdbc.timestamp(now));
                insert.setObject(10, Jdbc.timestamp(created.decideBy()));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlErrors.isMissingParent(e)) {
                    throw new NotFoundException("no tenant " + tenant);
                }
                throw e;
            }
            beforeCommit.accept(created);
            return created;
        });
    }

    /** The tenant's request with this id; another tenant's request is not found. */
    public Optional<AccessRequest> find(TenantId tenant, UUID id) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        return Jdbc.withConnection(dataSource, "finding access request " + id + " of tenant " + tenant,
                connection -> find(connection, tenant, id));
    }

    /** The tenant's requests, newest first. */
    public AccessRequestPage list(TenantId tenant, AccessRequestQuery query) {
        Objects.requireNonNull(tenant, "tenant");
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM access_request WHERE tenant_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(tenant.value()));
        if (!query.states().isEmpty()) {
            sql.append(" AND state IN (").append(query.states().stream().map(s -> "?").collect(Collectors.joining(", ")))
                    .append(')');
            query.states().stream().map(AccessRequestState::code).sorted().forEach(parameters::add);
        }
        if (query.requesterId() != null) {
            sql.append(" AND requester_id = ?");
            parameters.add(query.requesterId());
        }
        if (query.beforeSeq() != null) {
            sql.append(" AND seq < ?");
            parameters.add(query.beforeSeq());
        }
        sql.append(" ORDER BY seq DESC FETCH FIRST ? ROWS ONLY");
        parameters.add(query.limit() + 1);
        return Jdbc.withConnection(dataSource, "listing access requests of tenant " + tenant, connection -> {
            List<Row> rows = select(connection, sql.toString(), parameters);
            boolean more = rows.size() > query.limit();
            List<Row> page = more ? rows.subList(0, query.limit()) : rows;
            return new AccessRequestPage(page.stream().map(Row::request).toList(), more ? page.getLast().seq() : null);
        });
    }

    /**
     * One account's own requests on every tenant, newest first: scoped by the account rather than a tenant, for
     * "my requests". Callers show only those on tenants the account can still see.
     */
    @CrossTenant("a person's own requests; callers drop those on tenants they can no longer see")
    public List<AccessRequest> ofRequester(UUID requesterId, int limit) {
        Objects.requireNonNull(requesterId, "requesterId");
        if (limit < 1 || limit > AccessRequestQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + AccessRequestQuery.MAX_LIMIT + ": " + limit);
        }
        return Jdbc.withConnection(dataSource, "listing access requests of account " + requesterId, connection ->
                select(connection, "SELECT " + COLUMNS + " FROM access_request WHERE requester_id = ?"
                        + " ORDER BY seq DESC FETCH FIRST ? ROWS ONLY", List.of(requesterId, limit))
                        .stream().map(Row::request).toList());
    }

    /** The account's grants in force at {@code now}, on every tenant. */
    @CrossTenant("an account's grants, whichever tenants they are on, make up its access")
    public List<AccessRequest> activeGrants(UUID accountId, Instant now) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(now, "now");
        return Jdbc.withConnection(dataSource, "reading the just-in-time grants of account " + accountId, connection ->
                select(connection, "SELECT " + COLUMNS + " FROM access_request WHERE requester_id = ? AND state = ?"
                                + " AND starts_at <= ? AND expires_at > ? ORDER BY seq",
                        List.of(accountId, AccessRequestState.APPROVED.code(), Jdbc.timestamp(now), Jdbc.timestamp(now)))
                        .stream().map(Row::request).filter(r -> r.activeAt(now)).toList());
    }

    /**
     * Approves a pending request: the grant starts now and lasts {@code granted}. The decider must not be the
     * requester (the database refuses it too).
     *
     * @throws TransitionRefusedException if the request is no longer pending, is past its decision deadline or is
     *                                    the decider's own
     */
    public AccessRequest approve(TenantId tenant, UUID id, UUID deciderId, String deciderName, String note,
                                 Duration granted, Consumer<AccessRequest> beforeCommit) {
        if (granted.isNegative() || granted.isZero() || granted.getNano() != 0) {
            throw new IllegalArgumentException("granted duration must be a positive number of seconds: " + granted);
        }
        Instant now = Jdbc.now(clock);
        return transition(tenant, id, "approving",
                "state = ?, decided_at = ?, decider_id = ?, decider_name = ?, decision_note = ?, starts_at = ?, expires_at = ?",
                listOf(AccessRequestState.APPROVED.code(), Jdbc.timestamp(now), deciderId, Jdbc.text(deciderName),
                        Jdbc.text(note), Jdbc.timestamp(now), Jdbc.timestamp(now.plus(granted))),
                "state = ? AND requester_id <> ? AND decide_by > ?",
                List.of(AccessRequestState.PENDING.code(), deciderId, Jdbc.timestamp(now)),
                current -> undecidable(current, deciderId, now), beforeCommit);
    }

    /**
     * Denies a pending request.
     *
     * @throws TransitionRefusedException as {@link #approve}
     */
    public AccessRequest deny(TenantId tenant, UUID id, UUID deciderId, String deciderName, String note,
                              Consumer<AccessRequest> beforeCommit) {
        Instant now = Jdbc.now(clock);
        return transition(tenant, id, "denying",
                "state = ?, decided_at = ?, decider_id = ?, decider_name = ?, decision_note = ?",
                listOf(AccessRequestState.DENIED.code(), Jdbc.timestamp(now), deciderId, Jdbc.text(deciderName),
                        Jdbc.text(note)),
                "state = ? AND requester_id <> ? AND decide_by > ?",
                List.of(AccessRequestState.PENDING.code(), deciderId, Jdbc.timestamp(now)),
                current -> undecidable(current, deciderId, now), beforeCommit);
    }

    /**
     * The requester takes back a pending request.
     *
     * @throws TransitionRefusedException if it is no longer pending or not the requester's
     */
    public AccessRequest withdraw(TenantId tenant, UUID id, UUID requesterId, String requesterName,
                                  Consumer<AccessRequest> beforeCommit) {
        Instant now = Jdbc.now(clock);
        return transition(tenant, id, "withdrawing", "state = ?, ended_at = ?, ended_by_id = ?, ended_by_name = ?",
                listOf(AccessRequestState.WITHDRAWN.code(), Jdbc.timestamp(now), requesterId, Jdbc.text(requesterName)),
                "state = ? AND requester_id = ?", List.of(AccessRequestState.PENDING.code(), requesterId),
                current -> !current.requesterId().equals(requesterId) ? "only the requester can withdraw a request"
                        : "request " + id + " is " + current.state().code() + ", not pending", beforeCommit);
    }

    /**
     * Ends a grant in force before it expires.
     *
     * @throws TransitionRefusedException if the request is not an approved grant that has yet to expire
     */
    public AccessRequest revoke(TenantId tenant, UUID id, UUID byId, String byName, String note,
                                Consumer<AccessRequest> beforeCommit) {
        Instant now = Jdbc.now(clock);
        return transition(tenant, id, "revoking", "state = ?, ended_at = ?, ended_by_id = ?, ended_by_name = ?, end_note = ?",
                listOf(AccessRequestState.REVOKED.code(), Jdbc.timestamp(now), byId, Jdbc.text(byName), Jdbc.text(note)),
                "state = ? AND expires_at > ?", List.of(AccessRequestState.APPROVED.code(), Jdbc.timestamp(now)),
                current -> current.state() == AccessRequestState.APPROVED ? "the grant of request " + id + " has expired"
                        : "request " + id + " is " + current.state().code() + ", not an approved grant", beforeCommit);
    }

    /** {@link #expireDue(Instant, Consumer)} without a callback. */
    @CrossTenant("the expiry job ends due requests and grants of every tenant")
    public List<AccessRequest> expireDue(Instant now) {
        return expireDue(now, request -> {
        });
    }

    /**
     * Marks as expired every pending request past its decision deadline and every grant past its expiry, and
     * returns the ones this call expired. Each is claimed by one conditional update in its own transaction, so of
     * several processes running this at once exactly one expires (and audits, in {@code beforeCommit}) each request.
     * A request ends when its deadline or grant did, not when this runs.
     */
    @CrossTenant("the expiry job ends due requests and grants of every tenant")
    public List<AccessRequest> expireDue(Instant now, Consumer<AccessRequest> beforeCommit) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(beforeCommit, "beforeCommit");
        List<AccessRequest> due = Jdbc.withConnection(dataSource, "finding due access requests", connection ->
                select(connection, "SELECT " + COLUMNS + " FROM access_request WHERE expiry_recorded = FALSE"
                        + " AND ((state = ? AND decide_by <= ?) OR (state = ? AND expires_at <= ?))"
                        + " ORDER BY seq FETCH FIRST ? ROWS ONLY", List.of(AccessRequestState.PENDING.code(),
                        Jdbc.timestamp(now), AccessRequestState.APPROVED.code(), Jdbc.timestamp(now), EXPIRY_BATCH))
                        .stream().map(Row::request).toList());
        List<AccessRequest> expired = new ArrayList<>();
        for (AccessRequest request : due) {
            Instant endedAt = request.state() == AccessRequestState.PENDING ? request.decideBy() : request.expiresAt();
            Jdbc.inTransaction(dataSource, "expiring access request " + request.id(), connection -> {
                try (PreparedStatement update = connection.prepareStatement("UPDATE access_request SET state = ?,"
                        + " ended_at = ?, expiry_recorded = TRUE WHERE id = ? AND state = ? AND expiry_recorded = FALSE")) {
                    update.setString(1, AccessRequestState.EXPIRED.code());
                    update.setObject(2, Jdbc.timestamp(endedAt));
                    update.setObject(3, request.id());
                    update.setString(4, request.state().code());
                    if (update.executeUpdate() == 0) {
                        return null; // another process expired it, or someone decided it first
                    }
                }
                AccessRequest ended = find(connection, request.tenant(), request.id()).orElseThrow();
                beforeCommit.accept(ended);
                expired.add(ended);
                return null;
            });
        }
        return expired;
    }

    private AccessRequest transition(TenantId tenant, UUID id, String action, String set, List<Object> setParameters,
                                     String condition, List<Object> conditionParameters,
                                     Function<AccessRequest, String> refusal, Consumer<AccessRequest> beforeCommit) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(beforeCommit, "beforeCommit");
        return Jdbc.inTransaction(dataSource, action + " access request " + id + " of tenant " + tenant, connection -> {
            int changed;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE access_request SET " + set + " WHERE tenant_id = ? AND id = ? AND " + condition)) {
                int index = 1;
                for (Object value : setParameters) {
                    update.setObject(index++, value);
                }
                update.setObject(index++, tenant.value());
                update.setObject(index++, id);
                for (Object value : conditionParameters) {
                    update.setObject(index++, value);
                }
                changed = update.executeUpdate();
            }
            Optional<AccessRequest> current = find(connection, tenant, id);
            if (current.isEmpty()) {
                throw new NotFoundException("no access request " + id + " on tenant " + tenant);
            }
            if (changed == 0) {
                throw new TransitionRefusedException(refusal.apply(current.get()), current.get().state());
            }
            beforeCommit.accept(current.get());
            return current.get();
        });
    }

    private static String undecidable(AccessRequest current, UUID deciderId, Instant now) {
        if (current.state() != AccessRequestState.PENDING) {
            return "request " + current.id() + " is " + current.state().code() + ", not pending";
        }
        if (current.requesterId().equals(deciderId)) {
            return "a request cannot be decided by its requester";
        }
        return "request " + current.id() + " waited past its decision deadline " + current.decideBy()
                + (now.isBefore(current.decideBy()) ? "" : " and expires");
    }

    private static List<Object> listOf(Object... values) {
        return java.util.Arrays.asList(values); // allows nulls (an absent note)
    }

    private static Optional<AccessRequest> find(Connection connection, TenantId tenant, UUID id) throws SQLException {
        return select(connection, "SELECT " + COLUMNS + " FROM access_request WHERE tenant_id = ? AND id = ?",
                List.of(tenant.value(), id)).stream().findFirst().map(Row::request);
    }

    private record Row(long seq, AccessRequest request) {
    }

    private static List<Row> select(Connection connection, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                List<Row> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(new Row(rows.getLong("seq"), map(rows)));
                }
                return result;
            }
        }
    }

    private static AccessRequest map(ResultSet row) throws SQLException {
        return new AccessRequest(row.getObject("id", UUID.class), new TenantId(row.getObject("tenant_id", UUID.class)),
                row.getObject("requester_id", UUID.class), row.getString("requester_name"),
                Role.ofCode(row.getString("role")), row.getString("reason"),
                Duration.ofSeconds(row.getLong("requested_duration_seconds")),
                AccessRequestState.ofCode(row.getString("state")), Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "decide_by"), Jdbc.instant(row, "decided_at"), row.getObject("decider_id", UUID.class),
                row.getString("decider_name"), row.getString("decision_note"), Jdbc.instant(row, "starts_at"),
                Jdbc.instant(row, "expires_at"), Jdbc.instant(row, "ended_at"), row.getObject("ended_by_id", UUID.class),
                row.getString("ended_by_name"), row.getString("end_note"), row.getBoolean("expiry_recorded"));
    }
}
