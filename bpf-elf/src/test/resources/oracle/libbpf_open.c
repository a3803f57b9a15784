/*
 * The libbpf oracle of the selftests corpus test: opens each object given on the command line
 * with libbpf's bpf_object__open_file() (Debian's libbpf-dev) and prints one line per object,
 * "OK <path>" or "FAIL <path> <errno> <message>". libbpf's warnings go to stderr.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>

static int warnings_only(enum libbpf_print_level level, const char *format, va_list args)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, format, args) : 0;
}

int main(int argc, char **argv)
{
	libbpf_set_print(warnings_only);
	for (int i = 1; i < argc; i++) {
		struct bpf_object *obj = bpf_object__open_file(argv[i], NULL);
		long err = libbpf_get_error(obj);

		if (err)
			printf("FAIL %s %ld %s\n", argv[i], -err, strerror((int)-err));
		else {
			printf("OK %s\n", argv[i]);
			bpf_object__close(obj);
		}
		fflush(stdout);
	}
	return 0;
}
