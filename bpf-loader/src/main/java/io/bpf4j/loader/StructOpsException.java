package io.bpf4j.loader;

import java.util.Optional;

/**
 * A struct_ops map of an object does not fit the running kernel: the kernel has no such
 * operations struct, or a member of the object's struct is missing from the kernel's, has another
 * kind or size, or points at something that is not a struct_ops program. Thrown by
 * {@link BpfObject#load()} before anything is created in the kernel for the map; the load has
 * released everything it created.
 */
public final class StructOpsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String objectName;
    private final String mapName;
    private final String member;

    /**
     * @param objectName the object's name
     * @param mapName    the struct_ops map (the C variable)
     * @param member     the member at fault, or null when the struct itself is
     * @param problem    what is wrong
     */
    public StructOpsException(String objectName, String mapName, String member, String problem) {
        super(objectName + ": struct_ops map '" + mapName + "'" + (member == null ? "" : ", member '" + member + "'")
                + ": " + problem);
        this.objectName = objectName;
        this.mapName = mapName;
        this.member = member;
    }

    /** {@return the name of the object holding the map} */
    public String objectName() {
        return objectName;
    }

    /** {@return the struct_ops map's name} */
    public String mapName() {
        return mapName;
    }

    /** {@return the member at fault, if the problem is one member's} */
    public Optional<String> member() {
        return Optional.ofNullable(member);
    }
}
