package io.bpf4j.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EssentialNameTest {
    @Test
    void theLastTripleUnderscoreSuffixIsDropped() {
        assertEquals("task_struct", EssentialName.of("task_struct___old"));
        assertEquals("task_struct___a", EssentialName.of("task_struct___a___b"));
        assertEquals("PIDTYPE_SID", EssentialName.of("PIDTYPE_SID___mine"));
        assertEquals("x", EssentialName.of("x___2"));
    }

    @Test
    void namesWithoutASeparatorAreWhole() {
        for (String name : new String[] {"task_struct", "a____b", "___x", "x___", "a_b__c", "", "ab", "__u8"}) {
            assertEquals(name, EssentialName.of(name), name);
            assertFalse(EssentialName.hasFlavor(name), name);
        }
    }

    @Test
    void matchingIgnoresFlavorsOnBothSides() {
        assertTrue(EssentialName.matches("task_struct___old", "task_struct"));
        assertTrue(EssentialName.matches("task_struct", "task_struct___2"));
        assertFalse(EssentialName.matches("task_struct", "task_structure"));
        assertFalse(EssentialName.matches("task", "task_struct___x"));
    }
}
