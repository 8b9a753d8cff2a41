package org.adjoint.nn.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.adjoint.graph.DType;
import org.adjoint.graph.Tensor;
import org.adjoint.nn.rnn.Masks;
import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void charactersAreCodePoints() {
        assertEquals(List.of("É", "v", "a", " ", "😀", "!"), Tokenizer.characters().tokenize("Éva 😀!"));
        assertEquals(List.of("é", "v", "a"), Tokenizer.charactersLowerCase().tokenize("ÉVA"));
        assertEquals(List.of(), Tokenizer.characters().tokenize(""));
    }

    @Test
    void wordsKeepInnerApostrophesAndHyphensAndSplitPunctuation() {
        assertEquals(List.of("Harry's", "wand", ",", "a", "well-known", "one", "!"),
                Tokenizer.words().tokenize("Harry's wand, a well-known one!"));
        assertEquals(List.of("harry", "met", "'", "ron", "'", "-", "today"),
                Tokenizer.wordsLowerCase().tokenize("  Harry\tmet 'Ron' - today\n"));
    }

    @Test
    void paddingAndMasks() {
        Padding p = Padding.of(List.of(new int[] {4, 5, 6}, new int[] {7}, new int[] {1, 2, 3, 4, 5}), 4, 0);
        assertArrayEquals(new int[] {4, 5, 6, 0, 7, 0, 0, 0, 1, 2, 3, 4}, p.indices().ints());
        assertArrayEquals(new float[] {1, 1, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1}, p.mask().floats());
        assertArrayEquals(new int[] {3, 1, 4}, p.lengths());
        assertArrayEquals(p.lengths(), Masks.lengths(p.mask()));
        Tensor m = Masks.fromPadded(p.indices(), 0, DType.F64);
        assertArrayEquals(p.mask(DType.F64).doubles(), m.doubles());
        assertArrayEquals(m.doubles(), Masks.fromLengths(new int[] {3, 1, 4}, 4, DType.F64).doubles());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Masks.fromLengths(new int[] {2, 6}, 5, DType.F32));
        assertEquals("masks: length 6 of row 1 is outside [0, 5]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Padding.of(List.of(new int[] {1}, new int[0]), 3, 0));
        assertEquals("padding: sequence 1 is empty", e.getMessage());
    }
}
