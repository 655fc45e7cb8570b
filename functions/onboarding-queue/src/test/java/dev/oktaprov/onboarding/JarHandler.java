package dev.oktaprov.onboarding;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The function as Lambda runs it: its handler loaded from the shaded jar alone, in a class loader
 * that sees nothing of the test's class path (only the JDK), handed the event's bytes and writing
 * its answer's, as the Java runtime invokes a stream handler. A class the jar lacks fails here as it
 * would in Lambda.
 *
 * <p>Each invocation gets a new handler instance (a new execution environment, no rate-limit
 * memory); the class loader, like a warm runtime's, is shared.
 */
final class JarHandler implements RequestStreamHandler, AutoCloseable {

    private static final String HANDLER = "dev.oktaprov.onboarding.OnboardingQueueHandler";

    private final URLClassLoader jar;
    private final Class<?> contextType;
    private final Method handleRequest;
    private final Supplier<Object> newHandler;

    /**
     * @param sdkGuard a directory that holds a global SDK interceptor and its
     *     {@code software/amazon/awssdk/global/handlers/execution.interceptors} file, put after the jar
     */
    JarHandler(Path jarFile, Path sdkGuard, Map<String, String> env) throws ReflectiveOperationException, MalformedURLException {
        jar = new URLClassLoader("function-jar", new java.net.URL[] {jarFile.toUri().toURL(), sdkGuard.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Class<?> handlerType = jar.loadClass(HANDLER);
        contextType = jar.loadClass(Context.class.getName());
        handleRequest = handlerType.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
        var constructor = handlerType.getConstructor(Map.class);
        newHandler = () -> withJarClassLoader(() -> {
            try {
                return constructor.newInstance(env);
            } catch (InvocationTargetException e) {
                throw rethrow(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void handleRequest(InputStream event, OutputStream answer, Context context) {
        Object jarContext = Proxy.newProxyInstance(jar, new Class<?>[] {contextType}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(context, args);
            }
            Method same = Context.class.getMethod(method.getName(), method.getParameterTypes());
            // getLogger, getIdentity, getClientContext return the test's types: none is needed.
            return same.getReturnType().getClassLoader() == null ? same.invoke(context, args) : null;
        });
        withJarClassLoader(() -> {
            try {
                return handleRequest.invoke(newHandler.get(), event, answer, jarContext);
            } catch (InvocationTargetException e) {
                throw rethrow(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void close() throws Exception {
        jar.close();
    }

    private <T> T withJarClassLoader(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(jar);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }
}
