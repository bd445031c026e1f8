package io.vigil.sigma.event;

import java.util.Map;
import java.util.Optional;

/**
 * The three common JSON renderings of one Windows event, told apart by structure alone (never by a collector's
 * label, which a forwarder may rewrite).
 */
public enum WindowsEventShape {

    /** {@code evtx_dump} / XML rendered as JSON: {@code {"Event":{"System":{...},"EventData":{...}}}}. */
    XML_AS_JSON,
    /** Winlogbeat / Elastic Common Schema: {@code winlog.event_id}, {@code winlog.channel}, {@code winlog.event_data}. */
    WINLOGBEAT,
    /** NXLog {@code im_msvistalog} flat JSON: {@code EventID}, {@code Channel}, {@code Hostname}, data fields at top level. */
    NXLOG;

    /** The shape of {@code event}, or empty when it is none of the three. Checked in the order of the constants. */
    public static Optional<WindowsEventShape> detect(Map<String, ?> event) {
        if (event.get("Event") instanceof Map<?, ?> root && root.get("System") instanceof Map<?, ?>) {
            return Optional.of(XML_AS_JSON);
        }
        if (event.get("winlog") instanceof Map<?, ?> winlog
                && (winlog.containsKey("event_id") || winlog.containsKey("channel"))) {
            return Optional.of(WINLOGBEAT);
        }
        if (event.containsKey("EventID") && event.containsKey("Channel")) {
            return Optional.of(NXLOG);
        }
        return Optional.empty();
    }
}
