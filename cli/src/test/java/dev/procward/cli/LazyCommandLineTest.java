package dev.procward.cli;

import dev.procward.cli.diag.CliRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A short command line registers only its subcommand; everything else sees the full model. */
class LazyCommandLineTest {

    @Test
    void everySubcommandResolvesByNameToTheClassTheFullModelUses() {
        Map<String, CommandLine> all = ProcwardCommand.commandLine().getSubcommands();
        assertTrue(all.size() > 10, all.keySet().toString());
        for (var e : all.entrySet()) {
            if (e.getKey().equals("help")) {
                assertNull(ProcwardCommand.subcommandClass("help"), "help lists its siblings, so it needs them all");
                continue;
            }
            assertEquals(e.getValue().getCommand().getClass(), ProcwardCommand.subcommandClass(e.getKey()), e.getKey());
        }
    }

    @Test
    void aNamedSubcommandIsTheOnlyOneRegistered() {
        assertEquals(java.util.Set.of("ps"), ProcwardCommand.commandLine("ps", "-o", "pid").getSubcommands().keySet());
        assertEquals(java.util.Set.of("tree"), ProcwardCommand.commandLine("--backend", "linux", "tree").getSubcommands().keySet());
        assertEquals(java.util.Set.of("tree"), ProcwardCommand.commandLine("--backend=linux", "tree").getSubcommands().keySet());
    }

    @Test
    void listingsAndUnknownNamesGetEverySubcommand() {
        int all = ProcwardCommand.commandLine().getSubcommands().size();
        for (String[] args : new String[][] {{}, {"--help"}, {"-h"}, {"help"}, {"help", "ps"}, {"frobnicate"},
                {"--backend"}, {"--backend", "sim"}}) {
            assertEquals(all, ProcwardCommand.commandLine(args).getSubcommands().size(), String.join(" ", args));
        }
    }

    @Test
    void theLazyModelParsesInheritedOptionsAndReportsErrorsAsBefore() {
        CliRun ok = CliRun.of("--backend=linux", "ps", "-p", "1", "-o", "pid", "--no-headers");
        assertEquals(0, ok.code(), ok.err());
        assertEquals("1", ok.out().strip());
        CliRun bad = CliRun.of("ps", "--frobnicate");
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().startsWith("procward: Unknown option: '--frobnicate'"), bad.err());
        assertTrue(bad.err().contains("Try 'procward ps --help'"), bad.err());
        CliRun help = CliRun.of("ps", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("Usage: procward ps"), help.out());
    }

    @Test
    void versionNeedsNoSubcommand() {
        assertTrue(ProcwardCommand.commandLine("--version").getSubcommands().isEmpty());
        CliRun r = CliRun.of("-V");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("procward "), r.out());
    }

    @Test
    void helpStillListsEverySubcommand() {
        CliRun r = CliRun.of("--help");
        for (String name : ProcwardCommand.commandLine().getSubcommands().keySet()) {
            assertTrue(r.out().contains("  " + name + " "), name + " missing from:\n" + r.out());
        }
    }
}
