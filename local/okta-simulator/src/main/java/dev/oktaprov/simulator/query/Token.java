package dev.oktaprov.simulator.query;

/** One lexical unit of a filter or search expression; {@code position} is its offset in the input. */
record Token(Kind kind, String text, int position) {

    enum Kind { WORD, STRING, NUMBER, OPEN, CLOSE, END }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }
}
