package dev.oktaprov.local.sqs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ's SQS REST server inside this JVM, bound to loopback on a free port. */
final class EmbeddedElasticMq implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    /*
     * ElasticMQ's own application.conf turns Pekko's log level to DEBUG and routes it to SLF4J.
     * Only Pekko warnings and errors are worth anyone's attention here; what the host application's
     * SLF4J backend does with them is its own business. Daemon threads so a forgotten server never
     * keeps a JVM (a test run, the local runner after Ctrl-C) alive.
     */
    private static final String QUIET_PEKKO = """
            pekko.loglevel = "WARNING"
            pekko.stdout-loglevel = "OFF"
            pekko.log-dead-letters = off
            pekko.log-dead-letters-during-shutdown = off
            pekko.daemonic = on
            pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
            """;

    private final ActorSystem actorSystem;
    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedElasticMq(ActorSystem actorSystem, SQSRestServer server, URI endpoint) {
        this.actorSystem = actorSystem;
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Starts the server; ARNs it hands out name {@code region} and account 000000000000. */
    static EmbeddedElasticMq start(String region) {
        ClassLoader classLoader = EmbeddedElasticMq.class.getClassLoader();
        Config config = ConfigFactory.parseString(QUIET_PEKKO).withFallback(ConfigFactory.load(classLoader));
        ActorSystem actorSystem = ActorSystem.create("local-sqs", config, classLoader);
        try {
            SQSRestServer server = SQSRestServerBuilder
                    .withActorSystem(actorSystem)
                    .withInterface(LOOPBACK)
                    .withDynamicPort()
                    .withAWSRegion(region)
                    .start();
            int port = server.waitUntilStarted().localAddress().getPort();
            return new EmbeddedElasticMq(actorSystem, server, URI.create("http://" + LOOPBACK + ":" + port));
        } catch (RuntimeException | Error e) {
            terminate(actorSystem);
            throw e;
        }
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stopAndWait();
        } finally {
            terminate(actorSystem);
        }
    }

    private static void terminate(ActorSystem actorSystem) {
        actorSystem.terminate();
        try {
            actorSystem.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("ElasticMQ did not shut down", e);
        }
    }
}
