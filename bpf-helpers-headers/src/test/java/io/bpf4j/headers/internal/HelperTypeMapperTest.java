package io.bpf4j.headers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HelperTypeMapperTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "u32|__u32",
        "s64|__s64",
        "u64 *|__u64 *",
        "size_t|unsigned long",
        "struct bpf_map *|void *",
        "struct sk_buff *|struct __sk_buff *",
        "const struct sk_buff *|const struct __sk_buff *",
        "struct sk_msg_buff *|struct sk_msg_md *",
        "struct xdp_buff *|struct xdp_md *",
        "const void *|const void *",
        "char *|char *",
        "struct task_struct *|struct task_struct *",
        "__be32 *|__be32 *",
        "unsigned long *|unsigned long *",
        "...|...",
    })
    void mapsKernelTypesToBpfSideTypes(String kernel, String bpf) {
        assertEquals(bpf, HelperTypeMapper.map(kernel));
    }

    @Test
    void structTagIsFoundAfterConst() {
        assertEquals("__sk_buff", HelperTypeMapper.structTag("const struct __sk_buff *"));
        assertNull(HelperTypeMapper.structTag("__u64"));
    }
}
