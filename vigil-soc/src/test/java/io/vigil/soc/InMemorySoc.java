package io.vigil.soc;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.incident.AttachmentRef;
import io.vigil.soc.incident.Attachments;
import io.vigil.soc.incident.ConcurrentChangeException;
import io.vigil.soc.incident.Incident;
import io.vigil.soc.incident.IncidentQuery;
import io.vigil.soc.incident.Incidents;
import io.vigil.soc.notify.Deliveries;
import io.vigil.soc.notify.Delivery;
import io.vigil.soc.notify.Route;
import io.vigil.soc.notify.Routes;
import io.vigil.soc.triage.Asset;
import io.vigil.soc.triage.Assets;
import io.vigil.soc.triage.ChangeWindow;
import io.vigil.soc.triage.ChangeWindows;
import io.vigil.soc.triage.Suppression;
import io.vigil.soc.triage.Suppressions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/** The SOC store SPIs in memory, for the engine's unit tests (the JDBC versions are tested in vigil-store). */
public final class InMemorySoc {

    public final MemIncidents incidents = new MemIncidents();
    public final Attachments attachments = new MemAttachments();
    public final Assets assets = new MemAssets();
    public final Suppressions suppressions = new MemSuppressions();
    public final ChangeWindows changes = new MemChanges();
    public final MemRoutes routes = new MemRoutes();
    public final MemDeliveries deliveries = new MemDeliveries();

    /** One list per tenant, by id. */
    static class Docs<T> {
        final Map<TenantId, Map<UUID, T>> byTenant = new HashMap<>();

        synchronized List<T> list(TenantId tenant) {
            return List.copyOf(byTenant.getOrDefault(tenant, Map.of()).values());
        }

        synchronized Optional<T> find(TenantId tenant, UUID id) {
            return Optional.ofNullable(byTenant.getOrDefault(tenant, Map.of()).get(id));
        }

        synchronized T save(TenantId tenant, UUID id, T value) {
            byTenant.computeIfAbsent(tenant, t -> new LinkedHashMap<>()).put(id, value);
            return value;
        }

        synchronized boolean delete(TenantId tenant, UUID id) {
            return byTenant.getOrDefault(tenant, new HashMap<>()).remove(id) != null;
        }
    }

    public static final class MemIncidents implements Incidents {
        final Docs<Incident> docs = new Docs<>();

        @Override
        public Incident insert(TenantId tenant, Incident incident) {
            return docs.save(incident.tenant(), incident.id(), incident);
        }

        @Override
        public synchronized Incident update(TenantId tenant, Incident next) {
            Incident current = docs.find(tenant, next.id()).orElseThrow();
            if (current.version() != next.version()) {
                throw new ConcurrentChangeException("incident " + next.id() + " changed meanwhile");
            }
            Incident stored = new Incident(next.id(), next.tenant(), next.title(), next.priority(), next.priorityReason(),
                    next.state(), next.tier(), next.tierSince(), next.assignee(), next.origin(), next.groupKey(),
                    next.assetId(), next.createdAt(), next.firstEventAt(), next.updatedAt(), next.escalationStep(),
                    next.rolledUpInto(), next.overflowAlerts(), next.alerts(), next.observables(), next.techniques(),
                    next.tasks(), next.notes(), next.attachments(), next.timeline(), next.history(), next.version() + 1);
            return docs.save(tenant, next.id(), stored);
        }

        @Override
        public Optional<Incident> find(TenantId tenant, UUID id) {
            return docs.find(tenant, id);
        }

        @Override
        public Optional<Incident> findOpen(TenantId tenant, String groupKey) {
            return docs.list(tenant).stream().filter(i -> !i.state().isFinished() && i.groupKey().equals(groupKey))
                    .max(Comparator.comparing(Incident::createdAt));
        }

        @Override
        public List<Incident> openOnAsset(TenantId tenant, UUID assetId) {
            return docs.list(tenant).stream().filter(i -> !i.state().isFinished() && assetId.equals(i.assetId())).toList();
        }

        @Override
        public List<Incident> list(TenantId tenant, IncidentQuery query) {
            return docs.list(tenant).stream().filter(i -> query.state() == null || i.state() == query.state())
                    .sorted(Comparator.comparing(Incident::updatedAt).reversed()).limit(query.limit()).toList();
        }

        @Override
        public List<Incident> openAcrossTenants(int limit) {
            synchronized (docs) {
                return docs.byTenant.values().stream().flatMap(m -> m.values().stream())
                        .filter(i -> !i.state().isFinished()).limit(limit).toList();
            }
        }

        public List<Incident> all(TenantId tenant) {
            return docs.list(tenant);
        }
    }

    static final class MemAttachments implements Attachments {
        final Map<UUID, byte[]> bytes = new HashMap<>();

        @Override
        public synchronized void put(TenantId tenant, UUID incidentId, AttachmentRef ref, byte[] content) {
            bytes.put(ref.id(), content.clone());
        }

        @Override
        public synchronized Optional<byte[]> content(TenantId tenant, UUID incidentId, UUID attachmentId) {
            return Optional.ofNullable(bytes.get(attachmentId));
        }
    }

    abstract static class MemDocs<T> {
        final Docs<T> docs = new Docs<>();
        final BiFunction<TenantId, T, UUID> id;

        MemDocs(BiFunction<TenantId, T, UUID> id) {
            this.id = id;
        }

        public List<T> list(TenantId tenant) {
            return docs.list(tenant);
        }

        public Optional<T> find(TenantId tenant, UUID id) {
            return docs.find(tenant, id);
        }

        public T save(TenantId tenant, T value) {
            return docs.save(tenant, id.apply(tenant, value), value);
        }

        public boolean delete(TenantId tenant, UUID id) {
            return docs.delete(tenant, id);
        }
    }

    static final class MemAssets extends MemDocs<Asset> implements Assets {
        MemAssets() {
            super((t, a) -> a.id());
        }
    }

    static final class MemSuppressions extends MemDocs<Suppression> implements Suppressions {
        MemSuppressions() {
            super((t, s) -> s.id());
        }
    }

    static final class MemChanges extends MemDocs<ChangeWindow> implements ChangeWindows {
        MemChanges() {
            super((t, c) -> c.id());
        }
    }

    public static final class MemRoutes extends MemDocs<Route> implements Routes {
        final Map<TenantId, List<String>> ranges = new HashMap<>();

        MemRoutes() {
            super((t, r) -> r.id());
        }

        @Override
        public synchronized List<String> allowedPrivateRanges(TenantId tenant) {
            return ranges.getOrDefault(tenant, List.of());
        }

        @Override
        public synchronized void setAllowedPrivateRanges(TenantId tenant, List<String> allowed) {
            ranges.put(tenant, List.copyOf(allowed));
        }
    }

    public static final class MemDeliveries implements Deliveries {
        final Map<UUID, Delivery> all = new LinkedHashMap<>();

        @Override
        public synchronized Delivery save(TenantId tenant, Delivery delivery) {
            all.put(delivery.id(), delivery);
            return delivery;
        }

        @Override
        public synchronized Optional<Delivery> find(TenantId tenant, UUID id) {
            return Optional.ofNullable(all.get(id)).filter(d -> d.tenant().equals(tenant));
        }

        @Override
        public synchronized List<Delivery> due(Instant now, int limit) {
            return all.values().stream().filter(d -> d.state() == Delivery.State.PENDING && !d.nextAttemptAt().isAfter(now))
                    .limit(limit).toList();
        }

        @Override
        public synchronized List<Delivery> list(TenantId tenant, Delivery.State state, int limit) {
            List<Delivery> out = new ArrayList<>(all.values().stream()
                    .filter(d -> d.tenant().equals(tenant) && d.state() == state).toList());
            java.util.Collections.reverse(out);
            return out.stream().limit(limit).toList();
        }
    }
}
