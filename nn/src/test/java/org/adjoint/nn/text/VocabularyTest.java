package org.adjoint.nn.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Shape;
import org.adjoint.graph.Tensor;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    static final List<List<String>> CORPUS = List.of(
            Tokenizer.words().tokenize("Harry Potter and Hermione Granger invented a new spell"),
            Tokenizer.words().tokenize("Harry and Ron met Hermione"),
            Tokenizer.words().tokenize("a spell and a wand"));

    @Test
    void specialsFirstThenByFrequencyWithTiesInTokenOrder() {
        Vocabulary v = Vocabulary.builder().pad().unknown().eos().build(CORPUS);
        assertEquals(List.of("<PAD>", "<UNK>", "<EOS>", "a", "and", "Harry", "Hermione", "spell"), v.tokens().subList(0, 8));
        assertEquals(0, v.padIndex());
        assertEquals(1, v.unknownIndex());
        assertEquals(2, v.eosIndex());
        assertEquals(3 + 12, v.size());
        assertEquals(5, v.index("Harry"));
        assertEquals("Harry", v.token(5));
        assertEquals(1, v.index("Voldemort"), "unknown words map to <UNK>");
        assertArrayEquals(new int[] {5, 4, 1}, v.encode(List.of("Harry", "and", "Draco")));
        assertEquals(List.of("Harry", "and", "<UNK>"), v.decode(new int[] {5, 4, 1}));
    }

    @Test
    void maxSizeAndMinFrequencyCutTheRareTokens() {
        Vocabulary v = Vocabulary.builder().unknown().minFrequency(2).build(CORPUS);
        assertEquals(List.of("<UNK>", "a", "and", "Harry", "Hermione", "spell"), v.tokens());
        Vocabulary w = Vocabulary.builder().unknown().maxSize(3).build(CORPUS);
        assertEquals(List.of("<UNK>", "a", "and"), w.tokens());
        assertFalse(w.contains("Harry"));
        assertEquals(0, w.index("Harry"));
        Vocabulary noSpecials = Vocabulary.builder().build(CORPUS);
        assertEquals(-1, noSpecials.unknownIndex());
        assertEquals("a", noSpecials.token(0));
    }

    @Test
    void characterVocabularyAndOneHot() {
        Vocabulary v = Vocabulary.builder().eos().buildFromTokens(Tokenizer.characters().tokenize("anna\nada\n"));
        assertEquals(List.of("<EOS>", "a", "\n", "n", "d"), v.tokens());   // ties in token order: '\n' < 'n'
        Tensor x = v.oneHot(v.encode(List.of("a", "d")));
        assertEquals(Shape.of(2, 5), x.shape());
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0, 0, 0, 0, 1}, x.floats());
        Tensor seq = OneHot.encode(Tensor.of(new int[] {1, 2, 0, 4}, 2, 2), 5, DType.F64);
        assertEquals(Shape.of(2, 2, 5), seq.shape());
        assertEquals(1.0, seq.get(1, 1, 4));
        assertEquals(1.0, seq.get(0, 1, 2));
    }

    @Test
    void errorsNameTheTokenTheIndexAndTheCutOffs() {
        Vocabulary plain = Vocabulary.builder().build(CORPUS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.index("Voldemort"));
        assertEquals("vocabulary: unknown token 'Voldemort' (not among the 12 tokens) and no <UNK> token; build with"
                + " unknown() to map unknown tokens to <UNK>", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> plain.encode(List.of("Harry", "Dobby")));
        assertTrue(e.getMessage().startsWith("vocabulary: unknown token 'Dobby'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> plain.token(12));
        assertEquals("vocabulary: index 12 is out of range [0, 12)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.builder().unknown().build(List.of()));
        assertEquals("vocabulary: empty: the corpus has no tokens", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.builder().minFrequency(9).build(CORPUS));
        assertEquals("vocabulary: empty: none of the 12 distinct tokens (19 in all) is seen minFrequency=9 times",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.builder().unknown().eos().maxSize(2).build(CORPUS));
        assertEquals("vocabulary: empty: maxSize=2 leaves no room beside the 2 special token(s) [<UNK>, <EOS>]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Vocabulary.builder().maxSize(0));
        assertEquals("vocabulary: maxSize must be >= 1, got maxSize=0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {0, 7}, 5, DType.F32));
        assertEquals("one_hot: index 7 at position 1 is out of range [0, 5)", e.getMessage());
    }
}
