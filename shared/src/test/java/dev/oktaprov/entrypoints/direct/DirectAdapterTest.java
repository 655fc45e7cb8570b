package dev.oktaprov.entrypoints.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oktaprov.entrypoints.JsonValues;
import dev.oktaprov.entrypoints.OperationResult;
import dev.oktaprov.entrypoints.SampleEvents;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.entrypoints.InvocationContext;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The direct trigger on the state machine's sample inputs; the answer judged by Lambda's own serializer. */
class DirectAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @SuppressWarnings("rawtypes")
    private static final PojoSerializer<Map> LAMBDA = JacksonFactory.getInstance().getSerializer(Map.class);

    @Test
    void eachSampleInputIsTheJsonObjectItself() throws Exception {
        List<String> samples = SampleEvents.named("sfn-");
        assertThat(samples).hasSize(5);
        for (String name : samples) {
            Object event = JsonValues.read(SampleEvents.bytes(name));
            Map<String, Object> input = DirectAdapter.input(event);

            assertThat(input).as(name).isEqualTo(JSON.readValue(SampleEvents.bytes(name), Map.class));
            InvocationContext context = InvocationContext.of("f");
            assertThat(DirectAdapter.correlationId(event, context)).isEqualTo(context.getAwsRequestId());
        }
    }

    @Test
    void aCorrelationIdIsTakenOutAndNamesTheInvocation() throws Exception {
        Map<String, Object> event = new LinkedHashMap<>(JSON.readValue(SampleEvents.bytes("sfn-get-user.json"), Map.class));
        event.put("correlationId", "onboarding-execution-42");

        assertThat(DirectAdapter.input(event)).containsOnlyKeys("id");
        assertThat(DirectAdapter.correlationId(event, InvocationContext.of("f"))).isEqualTo("onboarding-execution-42");
        for (Object unusable : Arrays.asList(42, " ", "x".repeat(201), null)) {
            Map<String, Object> odd = new LinkedHashMap<>(Map.of("id", "00u1"));
            odd.put("correlationId", unusable);
            assertThat(DirectAdapter.input(odd)).as("%s", unusable).containsOnlyKeys("id");
            InvocationContext context = InvocationContext.of("f");
            assertThat(DirectAdapter.correlationId(odd, context)).isEqualTo(context.getAwsRequestId());
        }
    }

    @Test
    void anythingButAJsonObjectIsInvalidInputAndNullIsEmpty() {
        assertThat(DirectAdapter.input(null)).isEmpty();
        for (Object notAnObject : List.of(List.of(1), "text", 42, DirectAdapter.UNREADABLE)) {
            assertThatThrownBy(() -> DirectAdapter.input(notAnObject)).as("%s", notAnObject)
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).extracting(error -> error.field()).containsExactly("input"));
        }
    }

    @Test
    void theResultIsWrittenAsLambdasSerializerWroteItNullMembersLeftOut() throws Exception {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("title", null);
        profile.put("tags", Arrays.asList("a", null));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", "00u1");
        user.put("activated", null);
        user.put("profile", profile);
        user.put("amounts", List.of(1, 2.5, Long.MAX_VALUE));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("users", List.of(user));
        page.put("nextCursor", null);

        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        DirectAdapter.writeResult(OperationResult.ok(page, "LISTED"), ours);
        ByteArrayOutputStream lambdas = new ByteArrayOutputStream();
        LAMBDA.toJson(page, lambdas);

        assertThat(JSON.readTree(ours.toByteArray())).isEqualTo(JSON.readTree(lambdas.toByteArray()));
        assertThat(ours.toString()).doesNotContain("nextCursor").doesNotContain("activated").doesNotContain("title")
                .contains("[\"a\",null]");
    }
}
