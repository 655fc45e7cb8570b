package dev.oktaprov.simulator.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into words (attribute paths, operators, and/or, true/false/null),
 * double-quoted strings with JSON escapes, numbers and parentheses.
 */
final class Tokenizer {

    private final String input;
    private int position;

    private Tokenizer(String input) {
        this.input = input;
    }

    static List<Token> tokenize(String input) {
        return new Tokenizer(input).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (position >= input.length()) {
                tokens.add(new Token(Token.Kind.END, "", position));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private Token next() {
        char c = input.charAt(position);
        int start = position;
        if (c == '(') {
            position++;
            return new Token(Token.Kind.OPEN, "(", start);
        }
        if (c == ')') {
            position++;
            return new Token(Token.Kind.CLOSE, ")", start);
        }
        if (c == '"') {
            return new Token(Token.Kind.STRING, quoted(), start);
        }
        if (c == '-' || Character.isDigit(c)) {
            return new Token(Token.Kind.NUMBER, number(), start);
        }
        if (isWordStart(c)) {
            while (position < input.length() && isWordPart(input.charAt(position))) {
                position++;
            }
            return new Token(Token.Kind.WORD, input.substring(start, position), start);
        }
        throw new InvalidSearchCriteriaException("unexpected character '" + c + "' at " + start);
    }

    private String quoted() {
        StringBuilder value = new StringBuilder();
        int start = position;
        position++; // opening quote
        while (position < input.length()) {
            char c = input.charAt(position++);
            if (c == '"') {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (position >= input.length()) {
                break;
            }
            char escaped = input.charAt(position++);
            switch (escaped) {
                case '"', '\\', '/' -> value.append(escaped);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> value.append(unicodeEscape());
                default -> throw new InvalidSearchCriteriaException(
                        "invalid escape '\\" + escaped + "' at " + (position - 2));
            }
        }
        throw new InvalidSearchCriteriaException("unterminated string starting at " + start);
    }

    private char unicodeEscape() {
        if (position + 4 > input.length()) {
            throw new InvalidSearchCriteriaException("truncated \\u escape at " + (position - 2));
        }
        String hex = input.substring(position, position + 4);
        try {
            position += 4;
            return (char) Integer.parseInt(hex, 16);
        } catch (NumberFormatException e) {
            throw new InvalidSearchCriteriaException("invalid \\u escape at " + (position - 6));
        }
    }

    private String number() {
        int start = position;
        if (input.charAt(position) == '-') {
            position++;
        }
        int digitsStart = position;
        while (position < input.length() && (Character.isDigit(input.charAt(position)) || input.charAt(position) == '.')) {
            position++;
        }
        String text = input.substring(start, position);
        if (position == digitsStart || !text.matches("-?\\d+(\\.\\d+)?")) {
            throw new InvalidSearchCriteriaException("invalid number at " + start);
        }
        return text;
    }

    private void skipWhitespace() {
        while (position < input.length() && Character.isWhitespace(input.charAt(position))) {
            position++;
        }
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$' || c == ':';
    }
}
