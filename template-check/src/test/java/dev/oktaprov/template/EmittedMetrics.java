package dev.oktaprov.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The EMF metric names the functions' code emits: the String constants of the project's classes
 * that call Powertools' {@code addMetric} (ProvisioningMetrics, OnboardingMetrics, ...), read from
 * the code `sam build` delivers, namespace constants aside.
 */
final class EmittedMetrics {

    private static final String PROJECT_PACKAGE = "dev/oktaprov/";
    private static final byte[] ADD_METRIC = "addMetric".getBytes(StandardCharsets.UTF_8);

    private EmittedMetrics() {
    }

    static Set<String> names(Collection<Path> code) {
        Set<String> names = new TreeSet<>();
        try (JarClasses classes = JarClasses.open(code)) {
            for (String className : emitterClasses(code)) {
                Class<?> type = classes.find(className).type().orElseThrow(() ->
                        new IllegalStateException(className + " cannot be loaded from " + code));
                for (Field field : type.getDeclaredFields()) {
                    if (isNameConstant(field)) {
                        names.add(value(field));
                    }
                }
            }
        }
        return names;
    }

    private static boolean isNameConstant(Field field) {
        int modifiers = field.getModifiers();
        return Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class
                && !field.getName().contains("NAMESPACE");
    }

    private static String value(Field field) {
        try {
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(field.toString(), e);
        }
    }

    /** Classes of the project whose class file names addMetric (so calls it). */
    private static List<String> emitterClasses(Collection<Path> code) {
        List<String> emitters = new ArrayList<>();
        for (Path path : code) {
            try {
                if (Files.isDirectory(path)) {
                    if (!Files.isDirectory(path.resolve(PROJECT_PACKAGE))) {
                        continue;
                    }
                    try (Stream<Path> files = Files.walk(path.resolve(PROJECT_PACKAGE))) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                            addIfEmitter(path.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file), emitters);
                        }
                    }
                } else {
                    try (JarFile jar = new JarFile(path.toFile())) {
                        for (JarEntry entry : Collections.list(jar.entries())) {
                            if (entry.getName().startsWith(PROJECT_PACKAGE) && entry.getName().endsWith(".class")) {
                                try (InputStream in = jar.getInputStream(entry)) {
                                    addIfEmitter(entry.getName(), in.readAllBytes(), emitters);
                                }
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return emitters;
    }

    private static void addIfEmitter(String entry, byte[] classFile, List<String> emitters) {
        String className = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
        if (contains(classFile, ADD_METRIC) && !emitters.contains(className)) {
            emitters.add(className);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
