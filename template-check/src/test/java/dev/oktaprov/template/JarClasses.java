package dev.oktaprov.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The classes inside function jars or built artifact directories, loaded in isolation (parent: the
 * platform class loader, so nothing on this test's class path can stand in for a missing class) and
 * never initialised, so no handler's static setup runs. A directory is searched the way Lambda's
 * Java runtime searches the task root it was unpacked to.
 */
final class JarClasses implements AutoCloseable {

    static final List<String> LAMBDA_HANDLER_INTERFACES = List.of(
            "com.amazonaws.services.lambda.runtime.RequestHandler",
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler");

    private static final String CUSTOMER_CLASS_LOADER =
            "com.amazonaws.services.lambda.runtime.api.client.CustomerClassLoader";

    private final URLClassLoader loader;

    private JarClasses(URLClassLoader loader) {
        this.loader = loader;
    }

    static JarClasses open(Collection<Path> code) {
        URL[] urls = code.stream()
                .flatMap(path -> Files.isDirectory(path) ? lambdaClassPath(path).stream() : Stream.of(toUrl(path)))
                .toArray(URL[]::new);
        return new JarClasses(new URLClassLoader(urls, ClassLoader.getPlatformClassLoader()));
    }

    /**
     * The class path Lambda's Java runtime builds for a function unpacked at {@code taskRoot} (the
     * root itself, then lib/*.jar), asked of the runtime's own class loader: the runtime interface
     * client's CustomerClassLoader, package-private, hence the reflection. No layers (/opt).
     */
    static List<URL> lambdaClassPath(Path taskRoot) {
        try {
            Constructor<?> constructor = Class.forName(CUSTOMER_CLASS_LOADER)
                    .getDeclaredConstructor(String.class, String.class, ClassLoader.class);
            constructor.setAccessible(true);
            try (URLClassLoader runtimes = (URLClassLoader) constructor.newInstance(taskRoot.toString(),
                    taskRoot.resolve("no-layers").toString(), ClassLoader.getPlatformClassLoader())) {
                return List.of(runtimes.getURLs());
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Lambda runtime interface client's " + CUSTOMER_CLASS_LOADER
                    + " is not what this check expects", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
