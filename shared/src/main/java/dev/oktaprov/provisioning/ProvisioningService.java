package dev.oktaprov.provisioning;

import dev.oktaprov.errors.FieldError;
import dev.oktaprov.errors.InvalidInputException;
import dev.oktaprov.errors.LoginConflictException;
import dev.oktaprov.errors.NotFoundException;
import dev.oktaprov.errors.OktaAccessDeniedException;
import dev.oktaprov.errors.TransientUpstreamException;
import dev.oktaprov.errors.UserNotActivatableException;
import dev.oktaprov.okta.LoginAlreadyExistsException;
import dev.oktaprov.okta.OktaClient;
import dev.oktaprov.okta.OktaExpressions;
import dev.oktaprov.okta.model.Group;
import dev.oktaprov.okta.model.JsonPage;
import dev.oktaprov.okta.model.User;
import dev.oktaprov.okta.model.UserQuery;
import dev.oktaprov.time.Deadline;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The use cases every trigger shares: create idempotently, get with groups, list a page. */
public final class ProvisioningService {

    public static final Set<String> USER_STATUSES = Set.of(
            "ACTIVE", "DEPROVISIONED", "LOCKED_OUT", "PASSWORD_EXPIRED", "PROVISIONED", "RECOVERY", "STAGED", "SUSPENDED");
    public static final int MAX_LIMIT = 200;
    private static final int MAX_EXPRESSION_LENGTH = 2000;
    /** Statuses of a user that was activated before: activating again has nothing to do. */
    private static final Set<String> ACTIVATED_BEFORE = Set.of("ACTIVE", "PROVISIONED", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT");
    /** Okta's answer to activating a user that is active already. */
    private static final String ALREADY_ACTIVE = "E0000016";

    private final OktaClient okta;

    public ProvisioningService(OktaClient okta) {
        this.okta = Objects.requireNonNull(okta, "okta");
    }

    /**
     * Creates the user, or recognises that the same person already exists. "Same" means the same
     * login as Okta compares it ({@link LoginKey}: case and diacritics aside), and email, first and
     * last name equal once trimmed and compared without regard to case (their accents count); the
     * result then says what of the request the existing user does not reflect (see {@link CreateResult}).
     *
     * @throws LoginConflictException when the login belongs to a different person
     */
    public CreateResult create(NewHire hire, Deadline deadline) {
        try {
            User created = okta.createUser(hire.toCreateUserRequest(), hire.activatesOnCreate(), hire.nextLogin(), deadline);
            return new CreateResult(created, CreateOutcome.CREATED);
        } catch (LoginAlreadyExistsException taken) {
            String requestId = taken.oktaRequestId().orElse(null);
            User existing;
            try {
                // After a lost answer the client has just read the holder: no second lookup.
                existing = taken.holder().isPresent() ? taken.holder().get() : okta.getUser(hire.login(), deadline);
            } catch (NotFoundException vanished) {
                // Taken a moment ago, gone now (deleted, or a lookup that has not caught up): try again later.
                throw new TransientUpstreamException("Okta reports the login as taken but the user cannot be read yet", requestId);
            }
            if (samePerson(hire, existing)) {
                return ExistingUser.compare(hire, existing, () -> okta.listUserGroups(existing.id(), deadline));
            }
            throw new LoginConflictException(existing.id(), requestId);
        }
    }

    /**
     * Activates a STAGED user, idempotently: a user activated before (ACTIVE, PROVISIONED, or a
     * status only an activated user reaches) is {@link ActivationOutcome#ALREADY_ACTIVE} with no
     * call to activate; one that was STAGED when this began and is active now (a lost answer
     * retried, a person quicker by a moment) is {@link ActivationOutcome#ACTIVATED}.
     *
     * @param sendEmail whether Okta sends the activation email (a user without a password needs it to sign in)
     * @throws UserNotActivatableException when the user is DEPROVISIONED, SUSPENDED or on its way there
     * @throws NotFoundException when no such user exists (deleted)
     */
    public ActivationResult activate(String userId, boolean sendEmail, Deadline deadline) {
        User user = okta.getUser(userId, deadline);
        String status = String.valueOf(user.status());
        if (ACTIVATED_BEFORE.contains(status) || isBeingActivated(user)) {
            return new ActivationResult(user, ActivationOutcome.ALREADY_ACTIVE);
        }
        if (!status.equals("STAGED") || user.transitioningToStatus() != null) {
            String becoming = user.transitioningToStatus() == null ? status : status + " becoming " + user.transitioningToStatus();
            throw new UserNotActivatableException(user.id(), becoming, null);
        }
        try {
            okta.activateUser(user.id(), sendEmail, deadline);
        } catch (OktaAccessDeniedException refused) {
            if (!refused.oktaErrorCode().map(ALREADY_ACTIVE::equals).orElse(false)) {
                throw refused;
            }
        }
        return new ActivationResult(user, ActivationOutcome.ACTIVATED);
    }

    /** Okta activates asynchronously: meanwhile the user keeps its status with {@code transitioningToStatus: ACTIVE}. */
    private static boolean isBeingActivated(User user) {
        return "ACTIVE".equals(user.transitioningToStatus());
    }

    /** The user by id or login, with its group memberships. */
    public UserWithGroups get(String idOrLogin, Deadline deadline) {
        User user = okta.getUser(idOrLogin, deadline);
        List<Group> groups = okta.listUserGroups(user.id(), deadline);
        return new UserWithGroups(user, groups);
    }

    /**
     * One page of users as Okta's JSON, streamed into an answer rather than read into users first;
     * pass the page's {@code nextCursor} back as {@code after} for the next.
     */
    public JsonPage listJson(ListRequest request, Deadline deadline) {
        return okta.listUsersJson(toQuery(request), deadline);
    }

    /** Validates {@code request} and turns its structured parts into a quoted search expression. */
    public static UserQuery toQuery(ListRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.limit() != null && (request.limit() < 1 || request.limit() > MAX_LIMIT)) {
            errors.add(new FieldError("limit", "must be 1-" + MAX_LIMIT + ", was " + request.limit()));
        }
        checkText("q", request.q(), errors);
        checkText("filter", request.filter(), errors);
        if (checkText("search", request.search(), errors) && request.search() != null && !isSelfContained(request.search())) {
            // It is wrapped in parentheses and joined to the structured conditions: it must not close them.
            errors.add(new FieldError("search", "has unbalanced parentheses or an unterminated string"));
        }
        checkText("after", request.after(), errors);
        List<String> conditions = new ArrayList<>();
        if (request.search() != null && !request.search().isBlank()) {
            conditions.add(request.search().strip());
        }
        if (request.status() != null) {
            String status = request.status().strip().toUpperCase(Locale.ROOT);
            if (USER_STATUSES.contains(status)) {
                conditions.add(OktaExpressions.eq("status", status));
            } else {
                errors.add(new FieldError("status", "must be one of " + String.join(", ", USER_STATUSES.stream().sorted().toList())));
            }
        }
        for (Map.Entry<String, String> entry : request.profileEquals().entrySet()) {
            String name = entry.getKey() == null ? "" : entry.getKey().strip().replaceFirst("^profile\\.", "");
            if (!OktaExpressions.isAttributeName(name) || name.contains(".")) {
                errors.add(new FieldError("profile", "attribute names must hold only letters, digits and underscores"));
            } else if (entry.getValue() == null) {
                errors.add(new FieldError("profile." + name, "needs a value"));
            } else if (checkText("profile." + name, entry.getValue(), errors)) {
                conditions.add(OktaExpressions.eq("profile." + name, entry.getValue()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String search = conditions.isEmpty() ? null : OktaExpressions.and(conditions.toArray(String[]::new));
        return new UserQuery(blankToNull(request.q()), blankToNull(request.filter()), search, request.limit(),
                blankToNull(request.after()), null, null);
    }

    static boolean samePerson(NewHire hire, User existing) {
        return LoginKey.same(hire.login(), existing.profile().login())
                && same(hire.email(), existing.profile().email())
                && same(hire.firstName(), existing.profile().firstName())
                && same(hire.lastName(), existing.profile().lastName());
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && normalize(a).equals(normalize(b));
    }

    private static String normalize(String s) {
        return Normalizer.normalize(s.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static boolean checkText(String field, String value, List<FieldError> errors) {
        return value == null || TextRules.atMost(field, value, MAX_EXPRESSION_LENGTH, errors)
                && TextRules.noControlCharacters(field, value, errors);
    }

    /** Parentheses balanced and every string literal closed, so "(" + search + ")" is one group. */
    static boolean isSelfContained(String expression) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return false;
            }
        }
        return depth == 0 && !inString;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
