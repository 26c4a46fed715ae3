/**
 * The {@code quorate} command line (SPEC §7) for national contribution and PKI officers: a demo
 * coalition PKI and genesis ({@link org.quorate.cli.DemoPki}), events in the SPEC §1 format ({@link
 * org.quorate.cli.EventJson}, {@link org.quorate.cli.ChainState}), CMS SignedData signing ({@link
 * org.quorate.cli.CmsSigning}), submission over REST ({@link org.quorate.cli.QuorateRest}) and AMQP
 * 1.0 ({@link org.quorate.cli.AmqpSender}), and the Quick start scenario ({@code quorate demo}):
 * its steps and checks are data, the resource {@code org/quorate/cli/demo-scenario.json}, signed by
 * {@link org.quorate.cli.ScenarioRunner} and sent and reported by {@link
 * org.quorate.cli.DemoCommand}. Entry point: {@link org.quorate.cli.QuorateCli}.
 */
package org.quorate.cli;
