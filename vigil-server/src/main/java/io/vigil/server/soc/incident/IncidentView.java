package io.vigil.server.soc.incident;

import io.vigil.soc.StateChange;
import io.vigil.soc.incident.Alert;
import io.vigil.soc.incident.AttachmentRef;
import io.vigil.soc.incident.Incident;
import io.vigil.soc.incident.Note;
import io.vigil.soc.incident.Observable;
import io.vigil.soc.incident.Task;
import io.vigil.soc.incident.TimelineEntry;
import java.time.Instant;
import java.util.List;

/** An incident as the API shows it: codes for state, disposition... and the tenant as a plain id. */
record IncidentView(String id, String tenant, String title, String priority, String priorityReason, String state,
                    String tier, Instant tierSince, String assignee, String origin, String assetId, Instant createdAt,
                    Instant firstEventAt, Instant updatedAt, int escalationStep, String rolledUpInto,
                    long detectionCount, List<AlertView> alerts, List<Observable> observables, List<String> techniques,
                    List<Task> tasks, List<Note> notes, List<AttachmentRef> attachments, List<TimelineEntry> timeline,
                    List<StateView> history, long version) {

    record AlertView(String id, String ruleId, String title, String level, java.util.Map<String, String> entities,
                     int count, Instant firstSeen, Instant lastSeen, List<String> eventIds, List<String> techniques,
                     String priority, String priorityReason, String change, String disposition,
                     String dispositionReason) {
        static AlertView of(Alert a) {
            return new AlertView(a.id().toString(), a.ruleId(), a.title(), a.level(), a.entities(), a.count(),
                    a.firstSeen(), a.lastSeen(), a.eventIds(), a.techniques(), a.priority().name(), a.priorityReason(),
                    a.change(), a.disposition() == null ? null : a.disposition().code(), a.dispositionReason());
        }
    }

    record StateView(Instant at, String from, String to) {
        static StateView of(StateChange c) {
            return new StateView(c.at(), c.from() == null ? null : c.from().code(), c.to().code());
        }
    }

    /** The list form: everything but the collections. */
    record Summary(String id, String title, String priority, String state, String tier, String assignee,
                   String origin, long detectionCount, int alerts, Instant createdAt, Instant updatedAt) {
        static Summary of(Incident i) {
            return new Summary(i.id().toString(), i.title(), i.priority().name(), i.state().code(), i.tier().name(),
                    i.assignee(), i.origin(), i.detectionCount(), i.alerts().size(), i.createdAt(), i.updatedAt());
        }
    }

    static IncidentView of(Incident i) {
        return new IncidentView(i.id().toString(), i.tenant().value().toString(), i.title(), i.priority().name(),
                i.priorityReason(), i.state().code(), i.tier().name(), i.tierSince(), i.assignee(), i.origin(),
                i.assetId() == null ? null : i.assetId().toString(), i.createdAt(), i.firstEventAt(), i.updatedAt(),
                i.escalationStep(), i.rolledUpInto() == null ? null : i.rolledUpInto().toString(), i.detectionCount(),
                i.alerts().stream().map(AlertView::of).toList(), i.observables(), i.techniques(), i.tasks(), i.notes(),
                i.attachments(), i.timeline(), i.history().stream().map(StateView::of).toList(), i.version());
    }
}
