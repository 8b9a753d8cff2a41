package org.adjoint.nn.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;

/**
 * Tokens and their indices, built from a corpus: the special tokens first ({@code <PAD>} at 0 when
 * used, then {@code <UNK>}, then {@code <EOS>}), then the corpus tokens by decreasing frequency
 * (ties in the tokens' natural order, so the same corpus always gives the same indices),
 * keeping those seen at least {@code minFrequency} times, up to {@code maxSize} entries in all.
 *
 * <pre>{@code
 * Vocabulary v = Vocabulary.builder().maxSize(10_000).minFrequency(2).unknown().eos()
 *         .build(sentences);                       // sentences: lists of tokens
 * int[] ids = v.encode(Tokenizer.words().tokenize("Harry met Hermione"));   // unknown words → <UNK>
 * Tensor x = v.oneHot(ids);                         // [3, v.size()]
 * }</pre>
 *
 * Without {@code <UNK>}, encoding an unknown token is an error naming it. Immutable.
 */
public final class Vocabulary {

    public static final String UNK = "<UNK>";
    public static final String EOS = "<EOS>";
    public static final String PAD = "<PAD>";

    private final List<String> tokens;
    private final Map<String, Integer> index;
    private final int unk;
    private final int eos;
    private final int pad;

    private Vocabulary(List<String> tokens, String unkToken, String eosToken, String padToken) {
        this.tokens = Collections.unmodifiableList(new ArrayList<>(tokens));
        this.index = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (index.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("vocabulary: token '" + tokens.get(i) + "' appears twice");
            }
        }
        this.unk = unkToken == null ? -1 : index.get(unkToken);
        this.eos = eosToken == null ? -1 : index.get(eosToken);
        this.pad = padToken == null ? -1 : index.get(padToken);
    }

    /** A vocabulary of exactly these tokens in this order (e.g. restored from a file), no special tokens. */
    public static Vocabulary of(List<String> tokens) {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("vocabulary: empty token list");
        }
        return new Vocabulary(tokens, null, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The number of entries, special tokens included. */
    public int size() {
        return tokens.size();
    }

    /** All tokens by index. */
    public List<String> tokens() {
        return tokens;
    }

    public boolean contains(String token) {
        return index.containsKey(token);
    }

    /**
     * The index of {@code token}; an unknown token maps to {@code <UNK>}.
     *
     * @throws IllegalArgumentException for an unknown token when there is no {@code <UNK>}
     */
    public int index(String token) {
        Integer i = index.get(token);
        if (i != null) {
            return i;
        }
        if (unk >= 0) {
            return unk;
        }
        throw new IllegalArgumentException("vocabulary: unknown token '" + token + "' (not among the " + size()
                + " tokens) and no " + UNK + " token; build with unknown() to map unknown tokens to " + UNK);
    }

    /** The token at {@code index}. */
    public String token(int i) {
        if (i < 0 || i >= size()) {
            throw new IllegalArgumentException("vocabulary: index " + i + " is out of range [0, " + size() + ")");
        }
        return tokens.get(i);
    }

    /** The indices of {@code tokens}. */
    public int[] encode(List<String> toks) {
        int[] out = new int[toks.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = index(toks.get(i));
        }
        return out;
    }

    /** The tokens at {@code indices}. */
    public List<String> decode(int[] indices) {
        List<String> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            out.add(token(i));
        }
        return out;
    }

    /** The index of {@code <UNK>}, or -1. */
    public int unknownIndex() {
        return unk;
    }

    /** The index of {@code <EOS>}, or -1. */
    public int eosIndex() {
        return eos;
    }

    /** The index of {@code <PAD>} (0), or -1. */
    public int padIndex() {
        return pad;
    }

    /** One-hot rows [n, size()] (F32) for indices. */
    public Tensor oneHot(int[] indices) {
        return OneHot.encode(indices, size(), DType.F32);
    }

    @Override
    public String toString() {
        return "vocabulary of " + size() + " tokens " + (size() <= 12 ? tokens : tokens.subList(0, 12) + "...");
    }

    /** Options of a vocabulary built from a corpus. */
    public static final class Builder {
        private int maxSize = Integer.MAX_VALUE;
        private int minFrequency = 1;
        private String unkToken;
        private String eosToken;
        private String padToken;

        private Builder() {
        }

        /** At most this many entries in all, special tokens included (≥ specials + 1). */
        public Builder maxSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("vocabulary: maxSize must be >= 1, got maxSize=" + n);
            }
            this.maxSize = n;
            return this;
        }

        /** Keeps tokens seen at least {@code n} times (default 1). */
        public Builder minFrequency(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("vocabulary: minFrequency must be >= 1, got minFrequency=" + n);
            }
            this.minFrequency = n;
            return this;
        }

        /** Adds {@code <UNK>}, the index of every token not in the vocabulary. */
        public Builder unknown() {
            return unknown(UNK);
        }

        public Builder unknown(String token) {
            this.unkToken = special(token);
            return this;
        }

        /** Adds {@code <EOS>}, an end-of-sequence marker. */
        public Builder eos() {
            return eos(EOS);
        }

        public Builder eos(String token) {
            this.eosToken = special(token);
            return this;
        }

        /** Adds {@code <PAD>} at index 0, the filler of padded sequences. */
        public Builder pad() {
            return pad(PAD);
        }

        public Builder pad(String token) {
            this.padToken = special(token);
            return this;
        }

        private static String special(String token) {
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("vocabulary: a special token must be a non-empty string");
            }
            return token;
        }

        /** Builds from a token stream (e.g. the characters of a text). */
        public Vocabulary buildFromTokens(Iterable<String> corpus) {
            return build(List.of(corpus));
        }

        /**
         * Builds from sentences (each a list of tokens).
         *
         * @throws IllegalArgumentException if no corpus token passes the cut-offs (an empty
         *     vocabulary), naming the corpus size and the cut-offs
         */
        public Vocabulary build(Iterable<? extends Iterable<String>> corpus) {
            List<String> specials = new ArrayList<>();
            for (String s : new String[] {padToken, unkToken, eosToken}) {
                if (s != null) {
                    if (specials.contains(s)) {
                        throw new IllegalArgumentException("vocabulary: special token '" + s + "' is used twice");
                    }
                    specials.add(s);
                }
            }
            Map<String, long[]> counts = new LinkedHashMap<>();
            long total = 0;
            for (Iterable<String> sentence : corpus) {
                for (String tok : sentence) {
                    if (tok == null) {
                        throw new IllegalArgumentException("vocabulary: the corpus holds a null token");
                    }
                    total++;
                    if (!specials.contains(tok)) {
                        counts.computeIfAbsent(tok, k -> new long[1])[0]++;
                    }
                }
            }
            List<Map.Entry<String, long[]>> kept = new ArrayList<>();
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                if (e.getValue()[0] >= minFrequency) {
                    kept.add(e);
                }
            }
            kept.sort((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
                    : a.getKey().compareTo(b.getKey()));
            int room = maxSize - specials.size();
            if (kept.isEmpty() || room < 1) {
                throw new IllegalArgumentException("vocabulary: empty: " + (total == 0 ? "the corpus has no tokens"
                        : room < 1 ? "maxSize=" + maxSize + " leaves no room beside the " + specials.size()
                                + " special token(s) " + specials
                        : "none of the " + counts.size() + " distinct tokens (" + total + " in all) is seen minFrequency="
                                + minFrequency + " times"));
            }
            List<String> tokens = new ArrayList<>(specials);
            for (int i = 0; i < Math.min(room, kept.size()); i++) {
                tokens.add(kept.get(i).getKey());
            }
            return new Vocabulary(tokens, unkToken, eosToken, padToken);
        }
    }
}
