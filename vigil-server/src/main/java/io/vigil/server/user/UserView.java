package io.vigil.server.user;

import io.vigil.store.identity.RoleBindingRow;
import io.vigil.store.identity.UserAccount;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** An account as the administration API shows it: never a hash or secret. */
record UserView(String id, String login, String displayName, String kind, String homeTenant, boolean disabled,
                boolean locked, boolean totpEnrolled, boolean passwordMustChange, boolean sso, Instant createdAt,
                List<BindingView> bindings) {

    record BindingView(String id, String role, String tenant, String source, String createdBy) {
        static BindingView of(RoleBindingRow row) {
            return new BindingView(row.id().toString(), row.binding().role().code(),
                    row.binding().tenant() == null ? null : row.binding().tenant().toString(), row.source(), row.createdBy());
        }
    }

    static UserView of(UserAccount account, List<RoleBindingRow> bindings, Clock clock) {
        return new UserView(account.id().toString(), account.login(), account.displayName(), account.kind().code(),
                account.homeTenant() == null ? null : account.homeTenant().toString(), account.disabled(),
                account.lockedAt(clock.instant()), account.totpEnrolled(), account.passwordMustChange(),
                account.externalIssuer() != null, account.createdAt(), bindings.stream().map(BindingView::of).toList());
    }
}
