package io.vigil.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for a test, to run out of disk space for real ("No space left on device").
 * Mounting needs root; the constructor fails with a message saying so rather than letting the test pass
 * without the fault it is about.
 */
public final class Tmpfs implements AutoCloseable {

    private final Path mountPoint;
    private final Path filler;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler.bin");
    }

    /**
     * Mounts a tmpfs of {@code megabytes} on a new temporary directory.
     *
     * @throws IllegalStateException when it cannot be mounted (not root, no {@code mount})
     */
    public static Tmpfs mount(int megabytes) {
        Path dir;
        try {
            dir = Files.createTempDirectory("vigil-tmpfs-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a mount point: " + e, e);
        }
        String output = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString()));
        if (output != null) {
            throw new IllegalStateException("this test needs root to mount a tmpfs of " + megabytes + " MiB on " + dir
                    + " (it fills a real file system to test a full disk); mount said: " + output);
        }
        return new Tmpfs(dir);
    }

    public Path path() {
        return mountPoint;
    }

    /** Writes a filler file until the file system is full; returns the bytes written. */
    public long fill() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                try {
                    out.write(chunk);
                    written += chunk.length;
                } catch (IOException full) {
                    break;
                }
            }
            // Fill the last partial chunk too, byte by byte, so that not even a small record fits.
            while (true) {
                try {
                    out.write(0);
                    out.flush();
                    written++;
                } catch (IOException full) {
                    break;
                }
            }
        } catch (IOException closeOnFullDisk) {
            // close flushes nothing more: the buffer is empty
        }
        return written;
    }

    /** Deletes the filler: the space is back. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    public long usableBytes() {
        return mountPoint.toFile().getUsableSpace();
    }

    /** Detaches the mount even while files on it are open (lazy unmount), then removes the mount point. */
    @Override
    public void close() {
        String output = run(List.of("umount", "-l", mountPoint.toString()));
        if (output != null) {
            throw new IllegalStateException("cannot unmount " + mountPoint + ": " + output);
        }
        try {
            Files.deleteIfExists(mountPoint);
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + mountPoint + ": " + e, e);
        }
    }

    /** Runs a command; {@code null} when it succeeded, else what it printed. */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", command) + " did not finish within 30 s";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? null : "exit " + process.exitValue() + ": " + output;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
