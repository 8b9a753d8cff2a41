package org.adjoint.nn.text;

import java.util.List;

/** Cuts text into tokens (characters, words). */
@FunctionalInterface
public interface Tokenizer {

    /** The tokens of {@code text}, in order. */
    List<String> tokenize(String text);

    /** One token per Unicode code point (letters, spaces, punctuation, newlines all count). */
    static Tokenizer characters() {
        return new CharTokenizer(false);
    }

    /** One token per code point, lower-cased first. */
    static Tokenizer charactersLowerCase() {
        return new CharTokenizer(true);
    }

    /** Words split at whitespace, punctuation as tokens of its own. */
    static Tokenizer words() {
        return new WordTokenizer(false);
    }

    /** Lower-cased words split at whitespace, punctuation as tokens of its own. */
    static Tokenizer wordsLowerCase() {
        return new WordTokenizer(true);
    }
}
