package dev.oktaprov.bench.probe;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** A Lambda context as the runtime builds it from the environment: the template's timeout (20 s) and memory. */
final class ProbeContext implements Context {

    private static final int TIMEOUT_MILLIS = 20_000;

    private final String requestId;
    private final long deadlineMillis = System.currentTimeMillis() + TIMEOUT_MILLIS;

    ProbeContext(String requestId) {
        this.requestId = requestId;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + getFunctionName());
    }

    @Override
    public String getLogStreamName() {
        return env("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[live]probe");
    }

    @Override
    public String getFunctionName() {
        return env("AWS_LAMBDA_FUNCTION_NAME", "probe");
    }

    @Override
    public String getFunctionVersion() {
        return env("AWS_LAMBDA_FUNCTION_VERSION", "1");
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName() + ":live";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return Integer.parseInt(env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
