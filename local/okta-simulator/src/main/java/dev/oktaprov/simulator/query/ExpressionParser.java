package dev.oktaprov.simulator.query;

import dev.oktaprov.simulator.query.Expression.Comparison;
import dev.oktaprov.simulator.query.Expression.Literal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recursive descent over Okta's expression grammar:
 * <pre>
 * expression := term ( "or" term )*
 * term       := factor ( "and" factor )*
 * factor     := "(" expression ")" | attribute "pr" | attribute operator value
 * value      := "quoted string" | number | true | false | null
 * </pre>
 * {@code and} binds tighter than {@code or}; keywords and operators are case-insensitive,
 * attribute names are not. {@code not} is not supported (Okta refuses it).
 */
public final class ExpressionParser {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not");

    private final List<Token> tokens;
    private int index;

    private ExpressionParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Expression parse(String input) {
        ExpressionParser parser = new ExpressionParser(Tokenizer.tokenize(input));
        Expression expression = parser.expression();
        Token trailing = parser.peek();
        if (trailing.kind() != Token.Kind.END) {
            throw new InvalidSearchCriteriaException("unexpected '" + trailing.text() + "' at " + trailing.position());
        }
        return expression;
    }

    private Expression expression() {
        Expression left = term();
        while (peek().isWord("or")) {
            index++;
            left = new Expression.Or(left, term());
        }
        return left;
    }

    private Expression term() {
        Expression left = factor();
        while (peek().isWord("and")) {
            index++;
            left = new Expression.And(left, factor());
        }
        return left;
    }

    private Expression factor() {
        Token token = take();
        if (token.kind() == Token.Kind.OPEN) {
            Expression inner = expression();
            Token close = take();
            if (close.kind() != Token.Kind.CLOSE) {
                throw new InvalidSearchCriteriaException("missing ')' at " + close.position());
            }
            return inner;
        }
        if (token.isWord("not")) {
            throw new InvalidSearchCriteriaException("'not' is not supported");
        }
        if (token.kind() != Token.Kind.WORD || KEYWORDS.contains(token.text().toLowerCase(Locale.ROOT))) {
            throw new InvalidSearchCriteriaException("expected an attribute at " + token.position());
        }
        Token operatorToken = take();
        if (operatorToken.kind() != Token.Kind.WORD) {
            throw new InvalidSearchCriteriaException("expected an operator at " + operatorToken.position());
        }
        Operator operator = Operator.parse(operatorToken);
        if (operator == Operator.PR) {
            return new Comparison(token.text(), operator, null);
        }
        return new Comparison(token.text(), operator, literal());
    }

    private Literal literal() {
        Token token = take();
        return switch (token.kind()) {
            case STRING -> new Literal(Literal.Kind.STRING, token.text());
            case NUMBER -> new Literal(Literal.Kind.NUMBER, token.text());
            case WORD -> {
                if (token.isWord("true") || token.isWord("false")) {
                    yield new Literal(Literal.Kind.BOOLEAN, token.text().toLowerCase(Locale.ROOT));
                }
                if (token.isWord("null")) {
                    yield new Literal(Literal.Kind.NULL, "null");
                }
                // The classic mistake: profile.login eq isaac@example.com (unquoted).
                throw new InvalidSearchCriteriaException("values must be double-quoted, at " + token.position());
            }
            default -> throw new InvalidSearchCriteriaException("expected a value at " + token.position());
        };
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token take() {
        Token token = tokens.get(index);
        if (token.kind() != Token.Kind.END) {
            index++;
        }
        return token;
    }
}
