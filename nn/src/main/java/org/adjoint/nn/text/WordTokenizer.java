package org.adjoint.nn.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Words: runs of letters, digits, apostrophes and hyphens inside a word; every other non-space
 * character (punctuation) is a token of its own; whitespace separates. "Harry's wand, new!" gives
 * [Harry's, wand, ",", new, "!"].
 */
public final class WordTokenizer implements Tokenizer {

    private final boolean lowerCase;

    public WordTokenizer(boolean lowerCase) {
        this.lowerCase = lowerCase;
    }

    @Override
    public List<String> tokenize(String text) {
        String s = lowerCase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            boolean inner = (cp == '\'' || cp == '-') && word.length() > 0 && i + n < s.length()
                    && Character.isLetterOrDigit(s.codePointAt(i + n));
            if (Character.isLetterOrDigit(cp) || inner) {
                word.appendCodePoint(cp);
            } else {
                flush(word, out);
                if (!Character.isWhitespace(cp)) {
                    out.add(new String(Character.toChars(cp)));
                }
            }
            i += n;
        }
        flush(word, out);
        return out;
    }

    private static void flush(StringBuilder word, List<String> out) {
        if (word.length() > 0) {
            out.add(word.toString());
            word.setLength(0);
        }
    }
}
