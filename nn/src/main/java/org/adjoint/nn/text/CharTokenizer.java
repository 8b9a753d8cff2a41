package org.adjoint.nn.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A character-level tokenizer: one token per Unicode code point (not per UTF-16 unit). */
public final class CharTokenizer implements Tokenizer {

    private final boolean lowerCase;

    public CharTokenizer(boolean lowerCase) {
        this.lowerCase = lowerCase;
    }

    @Override
    public List<String> tokenize(String text) {
        String s = lowerCase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> out = new ArrayList<>(s.length());
        s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return out;
    }
}
