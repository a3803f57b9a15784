/**
 * Example tools built on bpf4j. Each sub-package is one tool with a
 * {@code main} method; {@code scripts/bootstrap.sh} runs the first one.
 */
package io.bpf4j.examples;
