package io.vigil.server.secret;

import io.vigil.core.access.Permission;
import io.vigil.server.security.Requires;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The data key that seals stored secrets: which keys the server holds, and rotating it. */
@RestController
class DataKeyController {

    private final DataKeyRotation rotation;

    DataKeyController(DataKeyRotation rotation) {
        this.rotation = rotation;
    }

    /** @param keyIds the ids of the keys held, the current one first (ids, never keys) */
    record Keys(String current, List<String> keyIds) {
    }

    @GetMapping("/api/v1/platform/data-key")
    @Requires(Permission.DATA_KEY_MANAGE)
    Keys keys() {
        List<String> ids = rotation.keyIds();
        return new Keys(ids.getFirst(), ids);
    }

    @PostMapping("/api/v1/platform/data-key/rotate")
    @Requires(Permission.DATA_KEY_MANAGE)
    DataKeyRotation.Result rotate() {
        return rotation.rotate();
    }
}
