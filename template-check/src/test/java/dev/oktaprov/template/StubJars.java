package dev.oktaprov.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Small jars that stand in for the function jars: the Lambda handler interfaces, the error classes
 * of dev.oktaprov.errors, and one handler each, compiled here from source. They let the template
 * checks run (and fail) without the real function modules.
 */
final class StubJars {

    static final Map<String, String> HANDLERS = Map.of(
            "dev.oktaprov.createuser.CreateUserHandler", handler("dev.oktaprov.createuser", "CreateUserHandler"),
            "dev.oktaprov.getuser.GetUserHandler", handler("dev.oktaprov.getuser", "GetUserHandler"),
            "dev.oktaprov.listusers.ListUsersHandler", handler("dev.oktaprov.listusers", "ListUsersHandler"),
            "dev.oktaprov.onboarding.OnboardingQueueHandler", handler("dev.oktaprov.onboarding", "OnboardingQueueHandler"),
            "dev.oktaprov.fixture.SomeHandler", handler("dev.oktaprov.fixture", "SomeHandler"),
            "dev.oktaprov.fixture.NotAHandler", """
                    package dev.oktaprov.fixture;
                    public class NotAHandler {
                        public Object handleRequest(Object input, Object context) { return input; }
                    }
                    """);

    static final List<String> ERRORS = List.of(
            "RateLimitedException", "TransientUpstreamException", "InvalidInputException",
            "LoginConflictException", "NotFoundException", "OktaAccessDeniedException",
            "ConfigurationException", "UnexpectedOktaException", "SecretsUnavailableException");

    private static final Map<String, String> LAMBDA_CORE = Map.of(
            "com.amazonaws.services.lambda.runtime.Context", """
                    package com.amazonaws.services.lambda.runtime;
                    public interface Context {}
                    """,
            "com.amazonaws.services.lambda.runtime.RequestHandler", """
                    package com.amazonaws.services.lambda.runtime;
                    public interface RequestHandler<I, O> { O handleRequest(I input, Context context); }
                    """,
            "com.amazonaws.services.lambda.runtime.RequestStreamHandler", """
                    package com.amazonaws.services.lambda.runtime;
                    public interface RequestStreamHandler {
                        void handleRequest(java.io.InputStream in, java.io.OutputStream out, Context context)
                                throws java.io.IOException;
                    }
                    """);

    private static Path compiled;

    private StubJars() {
    }

    /** Writes a jar with the shared classes and, if it is one of HANDLERS, the given handler class. */
    static void write(Path jar, String handlerClass) {
        Path classes = compiled();
        try {
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                    Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String entry = classes.relativize(file).toString().replace('\\', '/');
                    String className = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                    if (HANDLERS.containsKey(className) && !className.equals(handlerClass)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized Path compiled() {
        if (compiled != null) {
            return compiled;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler: run the tests on a JDK");
        }
        List<SimpleJavaFileObject> sources = new ArrayList<>();
        LAMBDA_CORE.forEach((name, code) -> sources.add(source(name, code)));
        HANDLERS.forEach((name, code) -> sources.add(source(name, code)));
        for (String error : ERRORS) {
            sources.add(source("dev.oktaprov.errors." + error,
                    "package dev.oktaprov.errors; public class " + error + " extends RuntimeException {}"));
        }
        sources.add(source("dev.oktaprov.fixture.NotAnException",
                "package dev.oktaprov.fixture; public class NotAnException {}"));
        try {
            Path output = Files.createTempDirectory("template-check-stubs");
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            boolean ok = compiler.getTask(null, null, diagnostics,
                    List.of("-d", output.toString(), "--release", "17"), null, sources).call();
            if (!ok) {
                throw new IllegalStateException("stub classes did not compile: " + diagnostics.getDiagnostics());
            }
            compiled = output;
            return compiled;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String handler(String packageName, String simpleName) {
        return """
                package %s;
                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                public class %s implements RequestHandler<java.util.Map<String, Object>, java.util.Map<String, Object>> {
                    public java.util.Map<String, Object> handleRequest(java.util.Map<String, Object> input, Context context) {
                        return input;
                    }
                }
                """.formatted(packageName, simpleName);
    }

    private static SimpleJavaFileObject source(String className, String code) {
        URI uri = URI.create("string:///" + className.replace('.', '/') + ".java");
        return new SimpleJavaFileObject(uri, SimpleJavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }
}
