package dev.oktaprov.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The classes inside function jars, loaded in isolation (parent: the platform class loader, so
 * nothing on this test's class path can stand in for a missing class) and never initialised, so
 * no handler's static setup runs.
 */
final class JarClasses implements AutoCloseable {

    static final List<String> LAMBDA_HANDLER_INTERFACES = List.of(
            "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");

    private final URLClassLoader loader;

    private JarClasses(URLClassLoader loader) {
        this.loader = loader;
    }

    static JarClasses open(Collection<Path> jars) {
        URL[] urls = jars.stream().map(JarClasses::toUrl).toArray(URL[]::new);
        return new JarClasses(new URLClassLoader(urls, ClassLoader.getPlatformClassLoader()));
    }

    /** The class, or why it cannot be loaded (absent, or a class it needs is absent). */
    Lookup find(String className) {
        try {
            return new Lookup(Optional.of(Class.forName(className, false, loader)), "");
        } catch (ClassNotFoundException e) {
            return new Lookup(Optional.empty(), "not found");
        } catch (LinkageError e) {
            return new Lookup(Optional.empty(), "cannot be loaded (" + e + ")");
        }
    }

    boolean isLambdaHandler(Class<?> type) {
        return LAMBDA_HANDLER_INTERFACES.stream()
                .map(this::find)
                .flatMap(lookup -> lookup.type().stream())
                .anyMatch(handlerInterface -> handlerInterface.isAssignableFrom(type));
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Lookup(Optional<Class<?>> type, String failure) {
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar.toString(), e);
        }
    }
}
