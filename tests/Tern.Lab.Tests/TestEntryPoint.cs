using System.CommandLine;
using Tern.Cli;
using Tern.Cli.Commands;

namespace Tern.Lab.Tests;

/// <summary>
/// The test assembly's entry point: runs xunit, or, with <c>--tern-cli ARGS</c>, the lab verbs of the <c>tern</c> CLI
/// (so end-to-end tests can run and kill a real CLI process before the verbs are wired into Tern.Cli's Program).
/// </summary>
internal static class TestEntryPoint
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--tern-cli")
            return CommandRunner.Run(new RootCommand("tern (lab verbs, test host)") { LabCommand.Create(), MatrixCommand.Create(), ProfileCommand.Create(), CheckCommand.Create(), CompatCommand.Create() }, args[1..]);
        if (args.Any(arg => arg is "--server" or "--internal-msbuild-node"))
            return Xunit.MicrosoftTestingPlatform.TestPlatformTestFramework.RunAsync(args, SelfRegisteredExtensions.AddSelfRegisteredExtensions).GetAwaiter().GetResult();
        return Xunit.Runner.InProc.SystemConsole.ConsoleRunner.Run(args).GetAwaiter().GetResult();
    }
}
