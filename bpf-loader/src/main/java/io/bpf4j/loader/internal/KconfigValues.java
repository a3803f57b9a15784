package io.bpf4j.loader.internal;

import io.bpf4j.loader.ExternResolutionException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code .kconfig} map's value being filled in: Kconfig text ({@code CONFIG_FOO=y},
 * {@code CONFIG_HZ=250}, {@code CONFIG_LOCALVERSION="-x"}, from the user or the kernel's
 * configuration) and numbers (libbpf's virtual {@code LINUX_*} externs) go into the extern's
 * slot with libbpf's rules ({@code bpf_object__process_kconfig_line} and
 * {@code set_kcfg_value_*}): the first value given for an extern wins; a value must suit the
 * extern's type ({@code y/n/m} a bool, char or tristate, {@code m} not a bool; a quoted string a
 * char array, truncated to fit; a number an integer or char it fits in, a bool 0 or 1). Lines
 * that do not start with {@code CONFIG_} (comments, {@code # CONFIG_X is not set}) are skipped;
 * names no extern has are ignored.
 */
public final class KconfigValues {
    private static final System.Logger LOG = io.bpf4j.loader.BpfLog.logger(KconfigValues.class);
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private final KconfigLayout layout;
    private final byte[] data;
    private final ByteBuffer view;
    private final Set<String> set = new HashSet<>();

    /** @param layout the externs and their offsets */
    public KconfigValues(KconfigLayout layout) {
        this.layout = layout;
        this.data = new byte[layout.size()];
        this.view = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
    }

    /** {@return whether the extern has been given a value} */
    public boolean isSet(String name) {
        return set.contains(name);
    }

    /** {@return whether some {@code CONFIG_*} extern has no value yet} */
    public boolean needsConfig() {
        return layout.externs().stream().anyMatch(e -> e.name().startsWith("CONFIG_") && !set.contains(e.name()));
    }

    /** {@return a copy of the value: what the map gets} */
    public byte[] bytes() {
        return data.clone();
    }

    /**
     * Applies Kconfig text.
     *
     * @param text   lines of {@code CONFIG_NAME=value}
     * @param origin where it came from, for messages (a file, or "the user's kconfig")
     * @throws ExternResolutionException for a line that cannot be parsed or a value that does not suit its extern
     */
    public void apply(String text, String origin) {
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!l.startsWith("CONFIG_")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq < 0) {
                throw new ExternResolutionException(layout.objectName(), l.strip(), null, origin + " line " + lineNo
                        + ": '" + l + "' has no '='");
            }
            String name = l.substring(0, eq);
            String value = l.substring(eq + 1);
            if (value.isEmpty()) {
                throw new ExternResolutionException(layout.objectName(), name, null, origin + " line " + lineNo
                        + ": no value after '='");
            }
            KconfigExtern ext = layout.find(name).orElse(null);
            if (ext == null || set.contains(name)) {
                continue;
            }
            String where = origin + " line " + lineNo;
            switch (value.charAt(0)) {
                case 'y', 'n', 'm' -> setTristate(ext, value.charAt(0), where);
                case '"' -> setString(ext, value, where);
                default -> {
                    if (ext.type() != KconfigType.INT && ext.type() != KconfigType.CHAR) {
                        throw error(ext, where, "value '" + value + "' is a number; declare it as an integer or char");
                    }
                    setNumber(ext, parseU64(ext, value, where), where);
                }
            }
        }
    }

    /**
     * Sets a number, as libbpf sets its virtual externs.
     *
     * @param name  the extern
     * @param value the value, as an unsigned 64-bit number
     * @param where for messages
     */
    public void setNumber(String name, long value, String where) {
        KconfigExtern ext = layout.find(name).orElseThrow();
        setNumber(ext, value, where);
    }

    private void setTristate(KconfigExtern ext, char value, String where) {
        switch (ext.type()) {
            case BOOL -> {
                if (value == 'm') {
                    throw error(ext, where, "value 'm' (module) needs a tristate or char, not a bool");
                }
                data[ext.offset()] = (byte) (value == 'y' ? 1 : 0);
            }
            // enum libbpf_tristate: TRI_NO = 0, TRI_YES = 1, TRI_MODULE = 2 (bpf_helpers.h)
            case TRISTATE -> put(ext, value == 'y' ? 1 : value == 'm' ? 2 : 0);
            case CHAR -> data[ext.offset()] = (byte) value;
            default -> throw error(ext, where, "value '" + value + "' needs a bool, tristate or char");
        }
        set.add(ext.name());
    }

    private void setString(KconfigExtern ext, String value, String where) {
        if (ext.type() != KconfigType.CHAR_ARRAY) {
            throw error(ext, where, "value " + value + " is a string; declare it as a char array");
        }
        if (value.length() < 2 || !value.endsWith("\"")) {
            throw error(ext, where, "string " + value + " has no closing quote");
        }
        byte[] bytes = value.substring(1, value.length() - 1).getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        if (n >= ext.size()) {
            LOG.log(System.Logger.Level.WARNING, "extern (kconfig) ''{0}'': string {1} ({2} bytes) truncated to {3}"
                    + " bytes", ext.name(), value, n, ext.size() - 1);
            n = ext.size() - 1;
        }
        System.arraycopy(bytes, 0, data, ext.offset(), n);
        data[ext.offset() + n] = 0;
        set.add(ext.name());
    }

    private void setNumber(KconfigExtern ext, long value, String where) {
        if (ext.type() != KconfigType.INT && ext.type() != KconfigType.CHAR && ext.type() != KconfigType.BOOL) {
            throw error(ext, where, "value " + Long.toUnsignedString(value) + " needs an integer, char or bool");
        }
        if (ext.type() == KconfigType.BOOL && (value & ~1L) != 0) {
            throw error(ext, where, "value " + Long.toUnsignedString(value) + " is not a bool (0 or 1)");
        }
        if (ext.type() != KconfigType.BOOL && !fits(ext, value)) {
            throw error(ext, where, "value " + (ext.signed() ? Long.toString(value) : Long.toUnsignedString(value))
                    + " does not fit in " + ext.size() + " byte(s) (" + ext.describeType() + ")");
        }
        put(ext, value);
        set.add(ext.name());
    }

    /** libbpf's {@code is_kcfg_value_in_range}: no information lost in {@code size} bytes. */
    private static boolean fits(KconfigExtern ext, long v) {
        int bits = ext.size() * 8;
        if (bits == 64) {
            return true;
        }
        if (ext.signed()) {
            return Long.compareUnsigned(v + (1L << (bits - 1)), 1L << bits) < 0;
        }
        return (v >>> bits) == 0;
    }

    private void put(KconfigExtern ext, long value) {
        switch (ext.size()) {
            case 1 -> view.put(ext.offset(), (byte) value);
            case 2 -> view.putShort(ext.offset(), (short) value);
            case 4 -> view.putInt(ext.offset(), (int) value);
            case 8 -> view.putLong(ext.offset(), value);
            default -> throw new IllegalStateException("extern " + ext.name() + " of " + ext.size() + " bytes");
        }
    }

    /** C's {@code strtoull(s, &end, 0)} with the whole string consumed: sign, 0x/0 prefixes, modulo 2^64. */
    private long parseU64(KconfigExtern ext, String value, String where) {
        String s = value.strip();
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        int radix = 10;
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
            radix = 16;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            s = s.substring(1);
        }
        BigInteger n;
        try {
            n = new BigInteger(s, radix);
        } catch (NumberFormatException e) {
            throw error(ext, where, "value '" + value + "' is not a number");
        }
        if (n.signum() < 0 || n.bitLength() > 64) {
            throw error(ext, where, "value '" + value + "' does not fit in 64 bits");
        }
        return (negative ? n.negate().mod(TWO_TO_64) : n).longValue();
    }

    private ExternResolutionException error(KconfigExtern ext, String where, String reason) {
        return new ExternResolutionException(layout.objectName(), ext.name(), null, ext.describeType() + ", from "
                + where + ": " + reason);
    }
}
