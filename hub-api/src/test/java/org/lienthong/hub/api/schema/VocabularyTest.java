package org.lienthong.hub.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void wireValuesAreToStringInDeclarationOrder() {
        assertEquals(List.of("public", "internal", "restricted", "secret"),
                Vocabulary.wireValues(Classification.class));
        assertEquals(List.of("create", "update", "delete", "import", "replicate", "merge", "derive"),
                Vocabulary.wireValues(Activity.class));
        assertThrows(UnsupportedOperationException.class, () -> Vocabulary.wireValues(Domain.class).add("x"));
    }

    @Test
    void fromWireValueReadsWireValuesExactly() {
        assertEquals(Optional.of(Classification.public_), Vocabulary.fromWireValue(Classification.class, "public"));
        assertEquals(Optional.of(Activity.import_), Vocabulary.fromWireValue(Activity.class, "import"));
        assertEquals(Optional.of(Urgency.Immediate), Vocabulary.fromWireValue(Urgency.class, "Immediate"));
        assertEquals(Optional.empty(), Vocabulary.fromWireValue(Classification.class, "public_"));
        assertEquals(Optional.empty(), Vocabulary.fromWireValue(Urgency.class, "immediate"));
        assertEquals(Optional.empty(), Vocabulary.fromWireValue(Urgency.class, null));
    }

    @Test
    void isWireValue() {
        assertTrue(Vocabulary.isWireValue(RecordKind.class, "incident"));
        assertTrue(Vocabulary.isWireValue(GeometryType.class, "GeometryCollection"));
        assertFalse(Vocabulary.isWireValue(RecordKind.class, "incidents"));
        assertFalse(Vocabulary.isWireValue(RecordKind.class, null));
    }

    @Test
    void alternativesForMessages() {
        assertEquals("threat, incident or resource", Vocabulary.alternatives(RecordKind.class));
        assertEquals("public, internal, restricted or secret", Vocabulary.alternatives(Classification.class));
        assertEquals("only", Vocabulary.alternatives(One.class));
        assertEquals("", Vocabulary.alternatives(None.class));
    }

    private enum One {
        only
    }

    private enum None {
    }
}
