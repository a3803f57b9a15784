package io.bpf4j.elf.object;

import io.bpf4j.elf.TestObjects;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What llvm-objdump-19 and bpftool say about an object, parsed into small maps. */
final class Oracle {
    /** One instruction as llvm-objdump prints it, with its relocation or CO-RE note if any. */
    record Line(String section, int slot, byte[] raw, String text, String relocationType, String relocationSymbol,
            String core) {
    }

    final List<Line> lines = new ArrayList<>();
    /** Function labels: section -> (slot -> name). */
    final Map<String, TreeMap<Integer, String>> functions = new HashMap<>();
    /** BTF FUNC ids to names, from bpftool. */
    final Map<Integer, String> btfFuncs = new HashMap<>();
    /** BTF DATASEC names to ids, from bpftool. */
    final Map<String, Integer> btfDatasecs = new HashMap<>();
    /** readelf symbol values by name. */
    final Map<String, Long> symbolValues = new HashMap<>();

    Oracle(Path path) {
        Pattern sec = Pattern.compile("^Disassembly of section (.*):$");
        Pattern label = Pattern.compile("^([0-9a-f]{16}) <(.*)>:$");
        Pattern insn = Pattern.compile("^\\s*(\\d+):\\t([0-9a-f ]+)\\t(.*)$");
        Pattern reloc = Pattern.compile("^\\t\\t[0-9a-f]+:\\s+(R_BPF_\\S+)\\t(.*)$");
        Pattern core = Pattern.compile("^\\t\\t[0-9a-f]+:\\s+CO-RE <(\\S+)>.*$");
        String section = null;
        for (String l : TestObjects.run("llvm-objdump-19", "-d", "-r", path.toString())) {
            Matcher m;
            if ((m = sec.matcher(l)).matches()) {
                section = m.group(1);
            } else if ((m = label.matcher(l)).matches()) {
                functions.computeIfAbsent(section, k -> new TreeMap<>())
                        .put((int) (Long.parseLong(m.group(1), 16) / 8), m.group(2));
            } else if ((m = insn.matcher(l)).matches()) {
                String[] hex = m.group(2).trim().split(" ");
                byte[] raw = new byte[hex.length];
                for (int i = 0; i < hex.length; i++) {
                    raw[i] = (byte) Integer.parseInt(hex[i], 16);
                }
                lines.add(new Line(section, Integer.parseInt(m.group(1)), raw, m.group(3), null, null, null));
            } else if ((m = reloc.matcher(l)).matches()) {
                Line last = lines.remove(lines.size() - 1);
                lines.add(new Line(last.section(), last.slot(), last.raw(), last.text(), m.group(1), m.group(2).trim(),
                        last.core()));
            } else if ((m = core.matcher(l)).matches()) {
                Line last = lines.remove(lines.size() - 1);
                lines.add(new Line(last.section(), last.slot(), last.raw(), last.text(), last.relocationType(),
                        last.relocationSymbol(), m.group(1)));
            }
        }
        Pattern func = Pattern.compile("^\\[(\\d+)\\] FUNC '([^']*)'.*$");
        Pattern datasec = Pattern.compile("^\\[(\\d+)\\] DATASEC '([^']*)'.*$");
        for (String l : TestObjects.run("bpftool", "btf", "dump", "file", path.toString())) {
            Matcher m;
            if ((m = func.matcher(l)).matches()) {
                btfFuncs.put(Integer.parseInt(m.group(1)), m.group(2));
            } else if ((m = datasec.matcher(l)).matches()) {
                btfDatasecs.put(m.group(2), Integer.parseInt(m.group(1)));
            }
        }
        Pattern sym = Pattern.compile("^\\s*\\d+:\\s+([0-9a-f]+)\\s+\\d+\\s+\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+(\\S+)$");
        for (String l : TestObjects.run("llvm-readelf-19", "-s", "-W", path.toString())) {
            Matcher m = sym.matcher(l);
            if (m.matches()) {
                symbolValues.putIfAbsent(m.group(2), Long.parseLong(m.group(1), 16));
            }
        }
    }

    /** The function (name) whose label is at or before {@code slot} of {@code section}. */
    String functionAt(String section, int slot) {
        return functions.get(section).floorEntry(slot).getValue();
    }

    /** The function starting exactly at {@code slot}, or null. */
    String functionStartingAt(String section, int slot) {
        return functions.get(section).get(slot);
    }

    /** Little-endian signed 32-bit immediate of a raw instruction. */
    static int imm(byte[] raw) {
        return (raw[4] & 0xff) | (raw[5] & 0xff) << 8 | (raw[6] & 0xff) << 16 | raw[7] << 24;
    }
}
