package dev.oktaprov.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the suite finds what it measures: the repository's jars, events and template. */
public record Repository(Path root) {

    /** A checkout of this repository, or only the function jars of one (an earlier build, for --baseline). */
    public static Repository at(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute.resolve("template.yaml")) || !Files.isDirectory(absolute.resolve("functions"))) {
            throw new IllegalArgumentException(absolute + " is not the okta-provisioning repository (no template.yaml)");
        }
        return new Repository(absolute);
    }

    /** The shaded jar a function's CodeUri names: functions/NAME/target/NAME.jar. */
    public Path functionJar(String function) {
        return root.resolve("functions").resolve(function).resolve("target").resolve(function + ".jar");
    }

    public Path peerJar() {
        return root.resolve("bench/peer/target/bench-peer.jar");
    }

    public Path probeJar() {
        return root.resolve("bench/probe/target/bench-probe.jar");
    }

    /** The Lambda runtime interface client and the jars its manifest names, as Maven copied them. */
    public Path ricRuntime() {
        return root.resolve("bench/suite/target/lambda-runtime");
    }

    public Path event(String name) {
        return root.resolve("events").resolve(name);
    }

    public Path template() {
        return root.resolve("template.yaml");
    }

    public Path results() {
        return root.resolve("bench/results");
    }

    /** Scratch space for archives and failed runs' logs; under target/, so never committed. */
    public Path work() {
        return root.resolve("bench/suite/target/work");
    }
}
