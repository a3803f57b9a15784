package io.bpf4j.headers.internal;

import java.util.List;
import java.util.Objects;

/**
 * One BPF helper as the UAPI header describes it: its number in the call instruction's
 * {@code imm} field and its signature, still in the kernel's spelling ({@code u64},
 * {@code struct sk_buff *}, ...).
 *
 * @param name       the helper's name with its {@code bpf_} prefix, e.g. {@code bpf_map_lookup_elem}
 * @param id         the helper number ({@code BPF_FUNC_<name>} in {@code enum bpf_func_id})
 * @param returnType the declared return type, e.g. {@code void *}
 * @param parameters the declared parameters in order; empty for {@code (void)}
 */
public record HelperDeclaration(String name, int id, String returnType, List<Parameter> parameters) {

    /**
     * One declared parameter.
     *
     * @param type the parameter's type, e.g. {@code const void *}; {@code ...} for varargs
     * @param name the parameter's name; empty for varargs
     */
    public record Parameter(String type, String name) {
        /** Checks the components. */
        public Parameter {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
        }

        /** {@return whether this is the C varargs marker {@code ...}} */
        public boolean isVarargs() {
            return type.equals("...");
        }
    }

    /** Checks the components and copies the parameter list. */
    public HelperDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(returnType, "returnType");
        parameters = List.copyOf(parameters);
        if (id < 0) {
            throw new IllegalArgumentException("negative helper id " + id + " for " + name);
        }
    }
}
