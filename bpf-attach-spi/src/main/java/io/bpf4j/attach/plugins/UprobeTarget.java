package io.bpf4j.attach.plugins;

import io.bpf4j.attach.AttachException;
import java.nio.file.Path;

/**
 * What a uprobe section names after its prefix: {@code <binary>:<function>[+<offset>]} or
 * {@code <binary>:<offset>}. The binary is everything up to the last colon, so
 * {@code uprobe//usr/lib/x86_64-linux-gnu/libc.so.6:getpid} names an absolute path and
 * {@code uprobe/libc.so.6:getpid} a library to search for.
 *
 * @param binary the binary as written
 * @param function the function, or null for a raw offset
 * @param offset the offset added to the function's, or the file offset itself
 */
record UprobeTarget(Path binary, String function, long offset) {

    /**
     * {@return the target in {@code target}, the part of {@code sectionName} after the prefix}
     *
     * @throws AttachException naming the section if the text is malformed
     */
    static UprobeTarget parse(String sectionName, String target) {
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw malformed(sectionName);
        }
        String binary = target.substring(0, colon);
        String location = target.substring(colon + 1);
        Long rawOffset = parseNumber(location);
        if (rawOffset != null) {
            return new UprobeTarget(Path.of(binary), null, rawOffset);
        }
        String function = location;
        long offset = 0;
        int plus = location.lastIndexOf('+');
        if (plus >= 0) {
            Long parsed = parseNumber(location.substring(plus + 1));
            if (plus == 0 || parsed == null) {
                throw malformed(sectionName);
            }
            function = location.substring(0, plus);
            offset = parsed;
        }
        if (!validFunctionName(function)) {
            throw malformed(sectionName);
        }
        return new UprobeTarget(Path.of(binary), function, offset);
    }

    private static boolean validFunctionName(String function) {
        for (int i = 0; i < function.length(); i++) {
            char c = function.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '@' || c == '$')) {
                return false;
            }
        }
        return !function.isEmpty() && !Character.isDigit(function.charAt(0));
    }

    /** {@return a non-negative decimal or 0x-hex number, or null if {@code text} is not one} */
    private static Long parseNumber(String text) {
        try {
            long value;
            if (text.startsWith("0x") || text.startsWith("0X")) {
                value = Long.parseLong(text.substring(2), 16);
            } else if (!text.isEmpty() && Character.isDigit(text.charAt(0))) {
                value = Long.parseLong(text);
            } else {
                return null;
            }
            return value >= 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static AttachException malformed(String sectionName) {
        return new AttachException("section '" + sectionName
                + "': expected <prefix>/<binary>:<function>[+<offset>] or <prefix>/<binary>:<offset>");
    }
}
