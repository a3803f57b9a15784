package io.bpf4j.loader.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpf4j.loader.ExternResolutionException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** libbpf's Kconfig value rules, on a hand-made layout (no kernel). */
class KconfigValuesTest {
    private static final KconfigLayout LAYOUT = new KconfigLayout("obj", List.of(
            new KconfigExtern("CONFIG_U64", false, KconfigType.INT, 8, 8, false, 0, 1),
            new KconfigExtern("CONFIG_S32", false, KconfigType.INT, 4, 4, true, 8, 2),
            new KconfigExtern("CONFIG_TRI", false, KconfigType.TRISTATE, 4, 4, false, 12, 3),
            new KconfigExtern("CONFIG_U16", true, KconfigType.INT, 2, 2, false, 16, 4),
            new KconfigExtern("CONFIG_BOOL", false, KconfigType.BOOL, 1, 1, false, 18, 5),
            new KconfigExtern("CONFIG_CHAR", false, KconfigType.CHAR, 1, 1, true, 19, 6),
            new KconfigExtern("CONFIG_STR", false, KconfigType.CHAR_ARRAY, 4, 1, false, 20, 7)), 24, 0);

    @Test
    void everyTypeTakesItsValues() {
        KconfigValues v = new KconfigValues(LAYOUT);
        v.apply("# CONFIG_U16 is not set\nCONFIG_U64=0xdead000000000000\nCONFIG_S32=-7\nCONFIG_TRI=m\r\n"
                + "CONFIG_BOOL=y\nCONFIG_CHAR=m\nCONFIG_STR=\"abcdef\"\nCONFIG_OTHER=whatever\n", "test");
        ByteBuffer b = ByteBuffer.wrap(v.bytes()).order(ByteOrder.nativeOrder());
        assertEquals(0xdead000000000000L, b.getLong(0));
        assertEquals(-7, b.getInt(8));
        assertEquals(2, b.getInt(12), "TRI_MODULE");
        assertEquals(0, b.getShort(16), "weak and not set");
        assertFalse(v.isSet("CONFIG_U16"));
        assertEquals(1, b.get(18));
        assertEquals('m', b.get(19));
        assertArrayEquals(new byte[] {'a', 'b', 'c', 0}, java.util.Arrays.copyOfRange(v.bytes(), 20, 24), "truncated");
        assertTrue(v.needsConfig(), "the weak CONFIG_U16 is unset: the kernel's configuration is still read");
    }

    @Test
    void theFirstValueWins() {
        KconfigValues v = new KconfigValues(LAYOUT);
        v.apply("CONFIG_S32=010", "user");
        v.apply("CONFIG_S32=3", "file");
        assertEquals(8, ByteBuffer.wrap(v.bytes()).order(ByteOrder.nativeOrder()).getInt(8), "octal, as strtoull");
        assertTrue(v.isSet("CONFIG_S32"));
    }

    @Test
    void rangesAreCheckedBySignedness() {
        assertBad("CONFIG_U16=65536", "does not fit in 2 byte(s)");
        assertBad("CONFIG_U16=-1", "does not fit");
        assertBad("CONFIG_S32=2147483648", "does not fit in 4 byte(s)");
        assertBad("CONFIG_S32=-2147483649", "does not fit");
        assertBad("CONFIG_U64=0x10000000000000000", "does not fit in 64 bits");
        new KconfigValues(LAYOUT).apply("CONFIG_S32=-2147483648\nCONFIG_U16=65535", "ok");
    }

    @Test
    void valuesOfTheWrongKindAreRefused() {
        assertBad("CONFIG_BOOL=m", "not a bool");
        assertBad("CONFIG_BOOL=2", "is a number");
        assertBad("CONFIG_U64=y", "needs a bool, tristate or char");
        assertBad("CONFIG_STR=5", "is a number");
        assertBad("CONFIG_STR=\"open", "no closing quote");
        assertBad("CONFIG_S32=", "no value");
    }

    private static void assertBad(String line, String reason) {
        KconfigValues v = new KconfigValues(LAYOUT);
        ExternResolutionException e = assertThrows(ExternResolutionException.class, () -> v.apply(line, "test"));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(line.substring(0, line.indexOf('=')), e.externName());
    }
}
