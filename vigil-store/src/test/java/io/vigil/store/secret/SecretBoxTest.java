package io.vigil.store.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @TempDir
    Path dataDir;

    @Test
    void createsTheKeyOnceReadableOnlyByItsOwnerAndReusesIt() throws Exception {
        Path directory = dataDir.resolve("secrets");
        SecretBox first = SecretBox.loadOrCreate(directory);
        Path key = directory.resolve(SecretBox.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");

        String sealed = first.seal("JBSWY3DPEHPK3PXP", "row-1");
        assertThat(SecretBox.loadOrCreate(directory).open(sealed, "row-1")).as("same key after a restart")
                .isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(first.toString()).doesNotContain(Files.readString(key).strip());
    }

    @Test
    void refusesChangedMovedOrForeignValues() {
        SecretBox box = SecretBox.withRandomKey();
        String sealed = box.seal("JBSWY3DPEHPK3PXP", "row-1");
        assertThat(sealed).startsWith("v1:").doesNotContain("JBSWY3DPEHPK3PXP");
        assertThat(box.seal("JBSWY3DPEHPK3PXP", "row-1")).isNotEqualTo(sealed);

        char[] flipped = sealed.toCharArray();
        flipped[10] = flipped[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> box.open(new String(flipped), "row-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open(sealed, "row-2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretBox.withRandomKey().open(sealed, "row-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open("v1:AAAA", "row-1")).hasMessageContaining("too short");
        assertThatThrownBy(() -> box.open("v1:not base64!", "row-1")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> box.open("JBSWY3DPEHPK3PXP", "row-1")).hasMessageContaining("not a sealed value");
    }

    @Test
    void refusesAKeyFileThatHoldsNoKey() throws Exception {
        Files.writeString(dataDir.resolve(SecretBox.KEY_FILE), "short\n");
        assertThatThrownBy(() -> SecretBox.loadOrCreate(dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("data key");
    }
}
