package org.quorate.cli;

import picocli.CommandLine.Command;

/** {@code quorate label …}: STANAG 4774 label tools (SPEC §6). */
@Command(
    name = "label",
    mixinStandardHelpOptions = true,
    description = "STANAG 4774 confidentiality labels: check a label against a SPIF.",
    subcommands = {LabelCommand.class})
final class LabelGroup {}
