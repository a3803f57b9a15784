package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the argument text of a USDT note for x86-64 (GNU assembler operand syntax, as
 * {@code <sys/sdt.h>} writes it): space-separated {@code <size>@<operand>} items.
 */
final class UsdtArgumentParser {

    /** {@code <sys/sdt.h>} allows at most 12 arguments (libbpf's BPF_USDT_MAX_ARG_CNT too). */
    static final int MAX_ARGUMENTS = 12;

    private static final Pattern ITEM = Pattern.compile("(-?\\d+)@(.+)");
    private static final Pattern CONSTANT = Pattern.compile("\\$(-?(?:0x[0-9a-fA-F]+|\\d+))");
    private static final Pattern REGISTER = Pattern.compile("%(\\w+)");
    private static final Pattern MEMORY = Pattern.compile(
            "(-?(?:0x[0-9a-fA-F]+|\\d+))?\\(%(\\w+)(?:,%(\\w+)(?:,(\\d+))?)?\\)");

    /** x86-64 register names (every width) to the field of the kernel's struct pt_regs. */
    private static final Map<String, String> REGISTERS = registers();

    private UsdtArgumentParser() {
    }

    private static Map<String, String> registers() {
        Map<String, String> map = new java.util.HashMap<>();
        for (String r : new String[] {"ax", "bx", "cx", "dx"}) {
            String letter = r.substring(0, 1);
            map.put("r" + r, r);
            map.put("e" + r, r);
            map.put(r, r);
            map.put(letter + "l", r);
        }
        for (String r : new String[] {"si", "di", "bp", "sp"}) {
            map.put("r" + r, r);
            map.put("e" + r, r);
            map.put(r, r);
            map.put(r + "l", r);
        }
        for (int i = 8; i <= 15; i++) {
            String r = "r" + i;
            map.put(r, r);
            map.put(r + "d", r);
            map.put(r + "w", r);
            map.put(r + "b", r);
        }
        map.put("rip", "ip");
        return Map.copyOf(map);
    }

    /**
     * {@return the arguments of {@code text}, in order}
     *
     * @param text the note's argument text (may be empty)
     * @param where the probe, for messages
     * @throws AttachException naming the probe and the item if an item is malformed or uses an
     *     operand bpf4j cannot read (a symbol, a high-byte register such as {@code %ah})
     */
    static List<UsdtArgument> parse(String text, String where) {
        List<UsdtArgument> args = new ArrayList<>();
        for (String item : text.trim().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            args.add(parseOne(item, where));
        }
        if (args.size() > MAX_ARGUMENTS) {
            throw new AttachException("USDT probe " + where + " has " + args.size() + " arguments, more than "
                    + MAX_ARGUMENTS);
        }
        return List.copyOf(args);
    }

    private static UsdtArgument parseOne(String item, String where) {
        Matcher m = ITEM.matcher(item);
        if (!m.matches()) {
            throw bad(item, where, "expected <size>@<operand>");
        }
        int sized = Integer.parseInt(m.group(1));
        int size = Math.abs(sized);
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw bad(item, where, "size " + size + " is not 1, 2, 4 or 8");
        }
        boolean signed = sized < 0;
        String operand = m.group(2);
        Matcher c = CONSTANT.matcher(operand);
        if (c.matches()) {
            return new UsdtArgument.Constant(size, signed, number(c.group(1), item, where));
        }
        Matcher r = REGISTER.matcher(operand);
        if (r.matches()) {
            return new UsdtArgument.InRegister(size, signed, register(r.group(1), item, where));
        }
        Matcher mem = MEMORY.matcher(operand);
        if (mem.matches()) {
            long displacement = mem.group(1) == null ? 0 : number(mem.group(1), item, where);
            String base = register(mem.group(2), item, where);
            String index = mem.group(3) == null ? null : register(mem.group(3), item, where);
            int scale = mem.group(4) == null ? 1 : Integer.parseInt(mem.group(4));
            if (scale != 1 && scale != 2 && scale != 4 && scale != 8) {
                throw bad(item, where, "scale " + scale + " is not 1, 2, 4 or 8");
            }
            if (base.equals("ip")) {
                throw bad(item, where, "instruction-pointer-relative operands are not supported");
            }
            return new UsdtArgument.InMemory(size, signed, displacement, base, index, scale);
        }
        throw bad(item, where, "unsupported operand (constants, registers and memory at"
                + " [displacement](base[,index[,scale]]) are read; symbols are not)");
    }

    private static String register(String name, String item, String where) {
        String field = REGISTERS.get(name);
        if (field == null) {
            throw bad(item, where, "register %" + name + " is not supported");
        }
        return field;
    }

    private static long number(String text, String item, String where) {
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        try {
            long value = digits.startsWith("0x") || digits.startsWith("0X")
                    ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseUnsignedLong(digits);
            return negative ? -value : value;
        } catch (NumberFormatException e) {
            throw bad(item, where, "number " + text + " does not fit in 64 bits");
        }
    }

    private static AttachException bad(String item, String where, String why) {
        return new AttachException("USDT probe " + where + ": cannot read argument '" + item + "': " + why);
    }
}
