package io.bpf4j.btf;

/**
 * A BTF feature a kernel may lack, with the kernel version that brought it. A loader probes which
 * of them the running kernel accepts (libbpf: {@code FEAT_BTF_FUNC}, {@code FEAT_BTF_DATASEC} ...
 * in {@code features.c}) and gives the rest to {@link BtfSanitizer}.
 */
public enum BtfFeature {
    /** {@code BTF_KIND_FUNC} and {@code BTF_KIND_FUNC_PROTO} (5.0). */
    FUNC(5, 0),
    /** FUNC linkage other than static in vlen: global and extern functions (5.6). */
    FUNC_GLOBAL(5, 6),
    /** {@code BTF_KIND_VAR} and {@code BTF_KIND_DATASEC} (5.2). */
    DATASEC(5, 2),
    /** {@code BTF_KIND_FLOAT} (5.13). */
    FLOAT(5, 13),
    /** {@code BTF_KIND_DECL_TAG} (5.16). */
    DECL_TAG(5, 16),
    /** {@code BTF_KIND_TYPE_TAG} (5.17). */
    TYPE_TAG(5, 17),
    /** {@code BTF_KIND_ENUM64}, and the signed flag (kind_flag) of {@code BTF_KIND_ENUM} (6.0). */
    ENUM64(6, 0);

    private final int major;
    private final int minor;

    BtfFeature(int major, int minor) {
        this.major = major;
        this.minor = minor;
    }

    /** {@return the kernel version that introduced the feature, such as "5.13"} */
    public String sinceKernel() {
        return major + "." + minor;
    }

    /**
     * Tells whether a kernel version has the feature, for callers that know the version only.
     *
     * @param kernelMajor the kernel's major version
     * @param kernelMinor the kernel's minor version
     * @return whether that version introduced it or came later
     */
    public boolean availableIn(int kernelMajor, int kernelMinor) {
        return kernelMajor > major || (kernelMajor == major && kernelMinor >= minor);
    }
}
