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
        assertThat(sealed).startsWith("v2:" + box.currentKeyId() + ":").doesNotContain("JBSWY3DPEHPK3PXP");
        assertThat(box.seal("JBSWY3DPEHPK3PXP", "row-1")).isNotEqualTo(sealed);

        char[] flipped = sealed.toCharArray();
        flipped[20] = flipped[20] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> box.open(new String(flipped), "row-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open(sealed, "row-2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretBox.withRandomKey().open(sealed, "row-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open("v1:AAAA", "row-1")).hasMessageContaining("too short");
        assertThatThrownBy(() -> box.open("v1:not base64!", "row-1")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> box.open("JBSWY3DPEHPK3PXP", "row-1")).hasMessageContaining("not a sealed value");
    }

    @Test
    void aRotatedKeySealsWhileTheOldOnesStillOpenUntilRetired() throws Exception {
        Path directory = dataDir.resolve("secrets");
        SecretBox box = SecretBox.loadOrCreate(directory);
        Path file = directory.resolve(SecretBox.KEY_FILE);
        String oldId = box.currentKeyId();
        String old = box.seal("JBSWY3DPEHPK3PXP", "row-1");
        // a value from before keys had ids: the same bytes under "v1:"
        String legacy = "v1:" + old.substring(old.indexOf(':', 3) + 1);
        assertThat(box.open(legacy, "row-1")).isEqualTo("JBSWY3DPEHPK3PXP");

        String newId = box.rotate();

        assertThat(newId).isNotEqualTo(oldId).isEqualTo(box.currentKeyId()).hasSize(8);
        assertThat(box.keyIds()).containsExactly(newId, oldId);
        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(box.isUnderCurrentKey(old)).isFalse();
        String fresh = box.seal("KRSXG5CTMVRXEZLU", "row-2");
        assertThat(box.isUnderCurrentKey(fresh)).isTrue();
        assertThat(box.open(old, "row-1")).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(box.open(legacy, "row-1")).isEqualTo("JBSWY3DPEHPK3PXP");
        // what a restart in the middle of a rotation finds: both keys
        assertThat(SecretBox.loadOrCreate(directory).open(old, "row-1")).isEqualTo("JBSWY3DPEHPK3PXP");

        assertThat(box.retire()).containsExactly(oldId);

        assertThat(Files.readAllLines(file)).hasSize(1);
        assertThat(box.open(fresh, "row-2")).isEqualTo("KRSXG5CTMVRXEZLU");
        assertThatThrownBy(() -> box.open(old, "row-1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(oldId).hasMessageContaining("no longer holds");
        assertThatThrownBy(() -> box.open(legacy, "row-1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SecretBox.loadOrCreate(directory).keyIds()).containsExactly(newId);
        assertThat(box.toString()).contains(newId).doesNotContain(Files.readString(file).strip());
    }

    @Test
    void refusesAKeyFileThatHoldsNoKey() throws Exception {
        Files.writeString(dataDir.resolve(SecretBox.KEY_FILE), "short\n");
        assertThatThrownBy(() -> SecretBox.loadOrCreate(dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("data key");
    }
}
