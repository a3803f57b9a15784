package io.bpf4j.core.internal;

/**
 * One meaningful step of an access: a named field of a struct/union, or an array index (the
 * first step, {@code &p[0]}, is an index too), or for enum relocations the enumerator.
 *
 * @param typeId for a field, the struct/union that owns it; for an index, the element type
 *     (typedefs and modifiers skipped); for an enumerator, the enum
 * @param index the member index, array index or enumerator index
 * @param name the field or enumerator name, {@code null} for an array index
 */
public record Accessor(int typeId, int index, String name) {
    /** {@return whether this step is an array index rather than a named field or enumerator} */
    public boolean isIndex() {
        return name == null;
    }
}
