#!/usr/bin/env bash
# Prepares a fresh Debian 12 machine (as root) for building and running bpf4j:
# installs the toolchain the build needs and mounts the kernel file systems
# BPF uses. Safe to run again: every step checks before it acts.
set -euo pipefail

need_pkgs=()
have() { command -v "$1" >/dev/null 2>&1; }
have java || need_pkgs+=(openjdk-17-jdk-headless)
have javac || need_pkgs+=(openjdk-17-jdk-headless)
have mvn || need_pkgs+=(maven)
have clang-19 || need_pkgs+=(clang-19)
have llvm-objdump-19 || need_pkgs+=(llvm-19)
have bpftool || need_pkgs+=(bpftool)
have ip || need_pkgs+=(iproute2)
have gcc || need_pkgs+=(gcc libc6-dev)  # C oracles and benchmarks beside libbpf (tests only)
[ -f /usr/include/linux/bpf.h ] || need_pkgs+=(linux-libc-dev)
# <sys/sdt.h> for the USDT test binaries (tests only).
[ -f /usr/include/x86_64-linux-gnu/sys/sdt.h ] || [ -f /usr/include/aarch64-linux-gnu/sys/sdt.h ] || need_pkgs+=(systemtap-sdt-dev)
# libbpf-dev is only a reference for tests (oracles), never used by bpf4j at run time.
[ -f /usr/include/bpf/libbpf.h ] || need_pkgs+=(libbpf-dev)
# bpf-testkit: VMs booted with Debian's kernels (QEMU, a static busybox for the
# initramfs, xz/zstd for compressed modules) and containers (Docker engine).
have qemu-system-x86_64 || need_pkgs+=(qemu-system-x86)
[ -x /bin/busybox ] && ! grep -qs '/lib64/ld-linux' /bin/busybox || need_pkgs+=(busybox-static)
have xz || need_pkgs+=(xz-utils)
have zstd || need_pkgs+=(zstd)
have dpkg-deb || need_pkgs+=(dpkg)
have dockerd || need_pkgs+=(docker.io)
# The kernel source, for the BPF selftests compatibility corpus of bpf-elf (SelftestsCorpusTest).
[ -f /usr/src/linux-source-6.12.tar.xz ] || need_pkgs+=(linux-source-6.12)

if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "setup: installing ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need_pkgs[@]}"
fi

mounted() { grep -qs " $1 " /proc/mounts; }
mount_if_missing() { # type dir
  local type=$1 dir=$2
  if [ -d "$dir" ] && ! mounted "$dir"; then
    mount -t "$type" "$type" "$dir" 2>/dev/null && echo "setup: mounted $type at $dir" \
      || echo "setup: could not mount $type at $dir (continuing)"
  fi
}
mount_if_missing bpf /sys/fs/bpf
mount_if_missing tracefs /sys/kernel/tracing
if [ ! -d /sys/kernel/tracing/events ] && [ -d /sys/kernel/debug ]; then
  mount_if_missing debugfs /sys/kernel/debug
fi
mount_if_missing securityfs /sys/kernel/security

# bpf-testkit's container tests talk to a Docker engine: start dockerd when it is
# not answering, and wait until it does (at most 60 s).
if have dockerd && ! docker info >/dev/null 2>&1; then
  echo "setup: starting dockerd"
  nohup dockerd >/var/log/bpf4j-dockerd.log 2>&1 &
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  docker info >/dev/null 2>&1 && echo "setup: dockerd is up" \
    || echo "setup: dockerd did not answer in 60 s (container tests will be skipped); see /var/log/bpf4j-dockerd.log"
fi
