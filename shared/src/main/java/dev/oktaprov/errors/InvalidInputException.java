package dev.oktaprov.errors;

import java.util.List;
import java.util.stream.Collectors;

/** The request was refused as invalid, by our validation or by Okta (E0000001, E0000003, E0000093, ...). */
public final class InvalidInputException extends OktaProvisioningException {

    private final List<FieldError> fieldErrors;

    public InvalidInputException(List<FieldError> fieldErrors, String oktaRequestId) {
        super(summarize(fieldErrors), oktaRequestId);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public InvalidInputException(List<FieldError> fieldErrors) {
        this(fieldErrors, null);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    @Override
    public String code() {
        return "INVALID_INPUT";
    }

    private static String summarize(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return "Invalid input";
        }
        return "Invalid input: " + errors.stream()
                .map(e -> e.field() + " " + e.message())
                .collect(Collectors.joining("; "));
    }
}
