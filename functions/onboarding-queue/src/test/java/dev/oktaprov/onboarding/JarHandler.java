package dev.oktaprov.onboarding;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The function as Lambda runs it: its handler loaded from the shaded jar alone, in a class loader
 * that sees nothing of the test's class path (only the JDK), the event turned into the jar's own
 * {@code SQSEvent} by Lambda's serializer, as the Java runtime does. A class the jar lacks fails
 * here as it would in Lambda.
 *
 * <p>Each invocation gets a new handler instance (a new execution environment, no rate-limit
 * memory); the class loader, like a warm runtime's, is shared.
 */
final class JarHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, AutoCloseable {

    private static final String HANDLER = "dev.oktaprov.onboarding.OnboardingQueueHandler";

    private final URLClassLoader jar;
    private final Class<?> contextType;
    private final Method handleRequest;
    private final Supplier<Object> newHandler;
    private final URLClassLoader runtimeSerialization;
    private final PojoSerializer<SQSEvent> testEvents;
    private final JarSerializer jarEvents;
    private final JarSerializer jarResponses;
    private final PojoSerializer<SQSBatchResponse> testResponses;

    /**
     * @param sdkGuard a directory that holds a global SDK interceptor and its
     *     {@code software/amazon/awssdk/global/handlers/execution.interceptors} file, put after the jar
     */
    JarHandler(Path jarFile, Path sdkGuard, Map<String, String> env) throws ReflectiveOperationException, MalformedURLException {
        jar = new URLClassLoader("function-jar", new java.net.URL[] {jarFile.toUri().toURL(), sdkGuard.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Class<?> handlerType = jar.loadClass(HANDLER);
        Class<?> eventType = jar.loadClass(SQSEvent.class.getName());
        Class<?> responseType = jar.loadClass(SQSBatchResponse.class.getName());
        contextType = jar.loadClass(Context.class.getName());
        handleRequest = handlerType.getMethod("handleRequest", eventType, contextType);
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
        testEvents = serializer(SQSEvent.class, getClass().getClassLoader());
        testResponses = serializer(SQSBatchResponse.class, getClass().getClassLoader());
        // Lambda's runtime brings its own copy of the serializers, with state of its own (Jackson
        // mix-ins keyed by class): sharing the test's copy would mix the two SQSEvent classes up.
        runtimeSerialization = new URLClassLoader("lambda-runtime-serialization",
                new java.net.URL[] {LambdaEventSerializers.class.getProtectionDomain().getCodeSource().getLocation()},
                ClassLoader.getPlatformClassLoader());
        jarEvents = new JarSerializer(runtimeSerialization, eventType, jar);
        jarResponses = new JarSerializer(runtimeSerialization, responseType, jar);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Object jarEvent = jarEvents.fromJson(json(testEvents, event));
        Object jarContext = Proxy.newProxyInstance(jar, new Class<?>[] {contextType}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(context, args);
            }
            Method same = Context.class.getMethod(method.getName(), method.getParameterTypes());
            // getLogger, getIdentity, getClientContext return the test's types: none is needed.
            return same.getReturnType().getClassLoader() == null ? same.invoke(context, args) : null;
        });
        Object response = withJarClassLoader(() -> {
            try {
                return handleRequest.invoke(newHandler.get(), jarEvent, jarContext);
            } catch (InvocationTargetException e) {
                throw rethrow(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        });
        return testResponses.fromJson(jarResponses.toJson(response));
    }

    @Override
    public void close() throws Exception {
        try {
            jar.close();
        } finally {
            runtimeSerialization.close();
        }
    }

    /** A serializer of the runtime's own copy, for one of the jar's classes; called by reflection. */
    private static final class JarSerializer {
        private final Object serializer;
        private final Method fromJson;
        private final Method toJson;

        JarSerializer(ClassLoader serialization, Class<?> type, ClassLoader jar) throws ReflectiveOperationException {
            String pkg = "com.amazonaws.services.lambda.runtime.serialization.";
            Class<?> events = serialization.loadClass(pkg + "events.LambdaEventSerializers");
            if ((Boolean) events.getMethod("isLambdaSupportedEvent", String.class).invoke(null, type.getName())) {
                serializer = events.getMethod("serializerFor", Class.class, ClassLoader.class).invoke(null, type, jar);
            } else {
                Class<?> jackson = serialization.loadClass(pkg + "factories.JacksonFactory");
                Object factory = jackson.getMethod("getInstance").invoke(null);
                serializer = jackson.getMethod("getSerializer", Class.class).invoke(factory, type);
            }
            Class<?> pojoSerializer = serialization.loadClass(pkg + "PojoSerializer");
            fromJson = pojoSerializer.getMethod("fromJson", String.class);
            toJson = pojoSerializer.getMethod("toJson", Object.class, java.io.OutputStream.class);
        }

        Object fromJson(String json) {
            try {
                return fromJson.invoke(serializer, json);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        String toJson(Object value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                toJson.invoke(serializer, value, out);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
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

    private static <T> PojoSerializer<T> serializer(Class<T> type, ClassLoader loader) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, loader)
                : JacksonFactory.getInstance().getSerializer(type);
    }

    private static <T> String json(PojoSerializer<T> serializer, T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
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
