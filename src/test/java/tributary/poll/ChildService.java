package tributary.poll;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The service in a child JVM (java -cp with the main classes and their dependencies, without the test classes, so
 * the real clock runs), to be stopped with SIGTERM or killed with SIGKILL as an operator or a crash would.
 */
final class ChildService implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildService(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildService start(Map<String, String> properties, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseParallelGC");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(String.join(File.pathSeparator, mainClasspath()));
        command.add("tributary.Application");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ChildService(process, log);
    }

    Process process() {
        return process;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** The test JVM's classpath (surefire's booter jar expanded) less test-classes. */
    static List<String> mainClasspath() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && Path.of(entry).getFileName().toString().startsWith("surefirebooter")) {
                try (JarFile jar = new JarFile(entry)) {
                    Manifest manifest = jar.getManifest();
                    String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                    if (classPath != null) {
                        for (String url : classPath.trim().split("\\s+")) {
                            // Absolute file: URLs, or paths relative to the booter jar, as surefire versions differ.
                            entries.add(url.startsWith("file:") ? Path.of(URI.create(url)).toString()
                                    : Path.of(entry).getParent().resolve(URI.create(url).getPath()).normalize().toString());
                        }
                    }
                }
            } else {
                entries.add(entry);
            }
        }
        entries.removeIf(entry -> entry.replace('\\', '/').matches(".*/test-classes/?$"));
        return new ArrayList<>(entries);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
