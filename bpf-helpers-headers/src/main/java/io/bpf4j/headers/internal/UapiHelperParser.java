package io.bpf4j.headers.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the helper list out of the UAPI {@code linux/bpf.h}.
 *
 * <p>Two parts of that header are used. The numbers come from the {@code FN(...)} list of the
 * {@code __BPF_FUNC_MAPPER} macro (kernels up to 6.1 list names only, in id order;
 * 6.2 and later spell {@code ___BPF_FUNC_MAPPER(FN, ctx...)} with {@code FN(name, id, ##ctx)}).
 * The signatures come from the large comment above it, where each helper starts with a line
 * {@code " * <type> bpf_<name>(<params>)"} followed by a {@code Description} line. A helper
 * documented more than once (such as {@code bpf_get_socket_cookie} or {@code bpf_sk_assign}, once per
 * program context) keeps its first signature, except that a first parameter whose type differs
 * between the variants becomes {@code void *ctx}: the one C declaration must accept every context,
 * as libbpf's declaration of these helpers does.
 */
public final class UapiHelperParser {

    private static final Pattern MAPPER_START =
            Pattern.compile("^#define\\s+_{2,3}BPF_FUNC_MAPPER\\s*\\(");
    private static final Pattern FN_ENTRY = Pattern.compile("FN\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:,\\s*([0-9]+))?[^)]*\\)");
    private static final Pattern SIGNATURE =
            Pattern.compile("^ \\* (\\S.*?)\\b(bpf_[a-z0-9_]+)\\((.*)\\)\\s*$");
    private static final Pattern PARAMETER = Pattern.compile("^(.*?)([A-Za-z_][A-Za-z0-9_]*)$");

    private UapiHelperParser() {
    }

    /**
     * Parses the header text.
     *
     * @param text   the whole of {@code linux/bpf.h}
     * @param origin the file name, for messages
     * @return the documented helpers in id order
     * @throws UapiFormatException when the mapper list is absent, or a documented helper is not in it,
     *                             or a signature cannot be split into parameters
     */
    public static List<HelperDeclaration> parse(String text, String origin) {
        String[] lines = text.split("\n", -1);
        Map<String, Integer> ids = helperIds(lines, origin);
        Map<String, HelperDeclaration> byName = new LinkedHashMap<>();
        for (int i = 0; i + 1 < lines.length; i++) {
            Matcher m = SIGNATURE.matcher(lines[i]);
            if (!m.matches() || !isDescriptionLine(lines[i + 1])) {
                continue;
            }
            String name = m.group(2);
            HelperDeclaration earlier = byName.get(name);
            if (earlier != null) {
                byName.put(name, generalizeContext(earlier, parameters(m.group(3), origin, i + 1)));
                continue;
            }
            Integer id = ids.get(name.substring("bpf_".length()));
            if (id == null) {
                throw new UapiFormatException(origin, i + 1,
                        name + " is documented but absent from __BPF_FUNC_MAPPER");
            }
            String returnType = normalizeSpaces(m.group(1));
            byName.put(name, new HelperDeclaration(name, id, returnType, parameters(m.group(3), origin, i + 1)));
        }
        if (byName.isEmpty()) {
            throw new UapiFormatException(origin, 0, "no documented helper (lines ' * <type> bpf_<name>(...)' followed by 'Description')");
        }
        List<HelperDeclaration> result = new ArrayList<>(byName.values());
        result.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return result;
    }

    /**
     * {@return every helper name of the mapper list (without {@code bpf_}) and its id}
     *
     * @param lines  the header's lines
     * @param origin the file name, for messages
     */
    static Map<String, Integer> helperIds(String[] lines, String origin) {
        int start = -1;
        for (int i = 0; i < lines.length; i++) {
            if (MAPPER_START.matcher(lines[i]).find()) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            throw new UapiFormatException(origin, 0, "no #define __BPF_FUNC_MAPPER / ___BPF_FUNC_MAPPER");
        }
        Map<String, Integer> ids = new LinkedHashMap<>();
        int position = 0;
        for (int i = start; i < lines.length; i++) {
            String line = lines[i];
            // The macro's own parameter list "(FN)" / "(FN, ctx...)" holds no FN( entry, so the
            // first line yields nothing; entries follow on continuation lines.
            Matcher m = FN_ENTRY.matcher(i == start ? line.substring(line.indexOf(')') + 1) : line);
            while (m.find()) {
                int id = m.group(2) != null ? Integer.parseInt(m.group(2)) : position;
                if (ids.put(m.group(1), id) != null) {
                    throw new UapiFormatException(origin, i + 1, "helper " + m.group(1) + " listed twice in the mapper");
                }
                position++;
            }
            if (!line.stripTrailing().endsWith("\\")) {
                break;
            }
        }
        if (ids.isEmpty()) {
            throw new UapiFormatException(origin, start + 1, "the helper mapper lists no FN(...) entry");
        }
        return ids;
    }

    /** Merges another documented variant of an overloaded helper into the first one. */
    private static HelperDeclaration generalizeContext(HelperDeclaration first, List<HelperDeclaration.Parameter> other) {
        List<HelperDeclaration.Parameter> params = first.parameters();
        if (params.isEmpty() || other.isEmpty() || params.get(0).type().equals(other.get(0).type())) {
            return first;
        }
        List<HelperDeclaration.Parameter> merged = new ArrayList<>(params);
        merged.set(0, new HelperDeclaration.Parameter("void *", "ctx"));
        return new HelperDeclaration(first.name(), first.id(), first.returnType(), merged);
    }

    private static boolean isDescriptionLine(String line) {
        String body = line.startsWith(" *") ? line.substring(2) : line;
        return body.strip().equals("Description");
    }

    private static List<HelperDeclaration.Parameter> parameters(String list, String origin, int line) {
        String trimmed = list.strip();
        List<HelperDeclaration.Parameter> result = new ArrayList<>();
        if (trimmed.isEmpty() || trimmed.equals("void")) {
            return result;
        }
        for (String raw : trimmed.split(",")) {
            String p = normalizeSpaces(raw);
            if (p.equals("...")) {
                result.add(new HelperDeclaration.Parameter("...", ""));
                continue;
            }
            Matcher m = PARAMETER.matcher(p);
            if (!m.matches() || m.group(1).isBlank()) {
                throw new UapiFormatException(origin, line, "cannot split parameter '" + p + "' into type and name");
            }
            result.add(new HelperDeclaration.Parameter(normalizeSpaces(m.group(1)), m.group(2)));
        }
        return result;
    }

    /** Collapses runs of blanks and drops blanks after a '*', so "void  * " becomes "void *". */
    private static String normalizeSpaces(String s) {
        return s.strip().replaceAll("\\s+", " ").replaceAll("\\*\\s+", "*").replaceAll("\\*(?=[A-Za-z_])", "* ")
                .replace("* *", "**").strip();
    }
}
