using System.CommandLine;
using Spectre.Console;
using Tern.Cli.Input;
using Tern.Cli.Reports;
using Tern.Schema;
using Tern.Schema.Diff;

namespace Tern.Cli.Commands;

/// <summary>
/// <c>tern diff OLD NEW</c>: compares the VMState descriptions of two QEMUs (<c>-dump-vmstate</c> files) or two
/// migrations (streams, whose vmdesc is used), or one of each, in both directions (docs/diff.md).
/// </summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var oldArg = new Argument<string>("old") { Description = "The older side: a -dump-vmstate JSON file, a migration stream, or a vmdesc JSON (gzip is read transparently; - for standard input)." };
        var newArg = new Argument<string>("new") { Description = "The newer side, in any of the same forms." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON: {\"old\", \"new\", \"findings\": [{\"code\", \"direction\", \"severity\", \"section\", \"path\", \"message\", \"rule\"}], ...}." };
        var direction = new Option<string>("--direction")
        {
            Description = "forward (OLD sends, NEW loads), backward (NEW sends, OLD loads) or both.",
            DefaultValueFactory = _ => "both",
        };
        direction.AcceptOnlyFromAmong("forward", "backward", "both");
        var cmd = new Command("diff", "Compare VMState descriptions across QEMU versions, both directions: what breaks live migration, where and why.")
        {
            oldArg, newArg, json, direction,
        };
        cmd.SetAction(r =>
        {
            var oldPath = r.GetValue(oldArg)!;
            var newPath = r.GetValue(newArg)!;
            // A diff allocates about twelve times its JSON input.
            using var heap = HeapReservation.Reserve((InputLength(oldPath) + InputLength(newPath)) * 12);
            return Run(oldPath, newPath, r.GetValue(json), r.GetValue(direction), Console.Out, Console.Error);
        });
        return cmd;
    }

    /// <summary>Runs the verb; exit 0 when no finding breaks migration, 1 when one does, 2 for usage errors, 3 for unreadable input.</summary>
    internal static int Run(string oldPath, string newPath, bool asJson, string? direction, TextWriter stdout, TextWriter stderr)
    {
        if (oldPath == "-" && newPath == "-") throw new UsageException("diff: OLD and NEW cannot both be standard input");
        var directions = DiffTokens.ParseDirections(direction)
                         ?? throw new UsageException($"diff: --direction must be forward, backward or both, not '{direction}'");
        var (old, @new) = LoadBoth(oldPath, newPath, stderr);
        if (old is null || @new is null) return ExitCodes.Unreadable;
        var result = SchemaDiff.Compare(old, @new, new SchemaDiffOptions { Directions = directions });
        if (asJson && ReferenceEquals(stdout, Console.Out))
        {
            using var raw = Console.OpenStandardOutput();
            DiffJsonReport.Write(raw, result);
        }
        else if (asJson)
        {
            DiffJsonReport.Write(stdout, result);
        }
        else
        {
            var toTerminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
            // The finding tables are wide: anything but a terminal gets 160 columns rather than Spectre.Console's 80.
            var console = toTerminal
                ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout), Ansi = AnsiSupport.Detect, ColorSystem = ColorSystemSupport.Detect })
                : Consoles.Plain(stdout, 160);
            DiffTableReport.Write(console, result);
        }
        return result.HasBreaking ? ExitCodes.Findings : ExitCodes.Ok;
    }

    private static long InputLength(string path)
    {
        if (path == "-") return 0;
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? info.Length : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return 0;
        }
    }

    // Both inputs are read at the same time (two dumps of a few MB each are most of the work); errors are reported OLD first.
    private static (VmstateSchema? Old, VmstateSchema? New) LoadBoth(string oldPath, string newPath, TextWriter stderr)
    {
        VmstateSchema? old = null, @new = null;
        string? oldError = null, newError = null;
        Parallel.Invoke(
            () => old = TryLoad("OLD", oldPath, out oldError),
            () => @new = TryLoad("NEW", newPath, out newError),
            () => _ = RenameRuleSet.Default); // parsed now, while the inputs are read, rather than after
        if (oldError is not null) stderr.WriteLine(oldError);
        if (newError is not null) stderr.WriteLine(newError);
        return (old, @new);
    }

    private static VmstateSchema? TryLoad(string role, string path, out string? error)
    {
        error = null;
        try
        {
            using var input = InputOpener.Open(path);
            return SchemaLoader.Load(input, path == "-" ? "(standard input)" : path);
        }
        catch (SchemaException e)
        {
            error = $"tern diff: cannot read {role} {e.Message}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            error = $"tern diff: cannot read {role} {path}: {e.Message}";
        }
        return null;
    }
}
