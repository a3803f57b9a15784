package io.bpf4j.testkit.internal;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The test JVM's class path, for JVMs started in a VM or a container. */
public final class ClassPaths {
    private ClassPaths() {
    }

    /**
     * @return the absolute class path entries, with a manifest-only jar (surefire's booter) expanded
     * @throws IOException when a jar's manifest cannot be read
     */
    public static List<String> current() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.isEmpty()) {
                continue;
            }
            entries.add(Path.of(e).toAbsolutePath().toString());
            if (e.endsWith(".jar") && Files.isRegularFile(Path.of(e))) {
                try (JarFile jar = new JarFile(e)) {
                    Manifest mf = jar.getManifest();
                    String extra = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
                    if (extra != null) {
                        for (String url : extra.trim().split("\\s+")) {
                            URI uri = Path.of(e).toAbsolutePath().getParent().toUri().resolve(url);
                            entries.add(Path.of(uri).toString());
                        }
                    }
                }
            }
        }
        return new ArrayList<>(entries);
    }
}
