#!/usr/bin/env bash
# Runs the parsing modules' tests (bpf-btf, bpf-elf, bpf-core-reloc, with the
# header and build-plugin modules they need) as an unprivileged user: parsing
# must need no privileges, as on a laptop or inside a build plugin. Tests that
# do need the kernel (oracles loading programs) skip there with their reason.
# Run after scripts/test.sh's root build, whose local Maven repository it
# copies so the run needs no network.
set -euo pipefail
cd "$(dirname "$0")/.."
user=bpf4j-unprivileged
home=/home/$user
id -u "$user" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$user"
work=$home/bpf4j
rm -rf "$work"
mkdir -p "$work"
git ls-files --cached --others --exclude-standard | tar cf - -T - | tar xf - -C "$work"
mkdir -p "$home/m2"
cp -a --no-clobber ~/.m2/repository/. "$home/m2/"
# The selftests corpus compiled by the root build: compiling is clang's job, not
# parsing; the unprivileged run still opens every object itself.
mkdir -p "$home/.cache/bpf4j"
for cached in ~/.cache/bpf4j/selftests-*; do
  [ -e "$cached" ] && cp -a --no-clobber "$cached" "$home/.cache/bpf4j/"
done
chown -R "$user:" "$home"
echo "test-unprivileged: running the parsing modules' tests as $user (uid $(id -u "$user"))"
runuser -u "$user" -- bash -c "cd '$work' && mvn -B -ntp -o -Dmaven.repo.local='$home/m2' \
  -pl bpf-btf,bpf-elf,bpf-core-reloc -am verify"
