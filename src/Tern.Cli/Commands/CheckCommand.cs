using System.CommandLine;
using Tern.Cli.Input;
using Tern.Cli.Reports;
using Tern.Lab.Predictions;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Cli.Commands;

/// <summary><c>tern check</c>: will this migration work, and if not, exactly why.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var source = new Option<string?>("--source") { Description = "Source: a QEMU version label and its options, e.g. 'qemu-7.2 -machine pseries-7.2 -cpu POWER9 -accel tcg'." };
        var stream = new Option<string?>("--stream") { Description = "A real migration stream (the source facts come from it); - for standard input." };
        var destination = new Option<string?>("--destination") { Description = "Destination: a QEMU version label and its options." };
        var sourceHost = new Option<string?>("--source-host") { Description = "Source host facts QEMU cannot see: key=value,... (kvm=hv|pr, pvr=0x...)." };
        var destinationHost = new Option<string?>("--destination-host") { Description = "Destination host facts: key=value,..." };
        var json = new Option<bool>("--json") { Description = "Print the verdict as JSON." };
        var batch = new Option<string?>("--batch")
        {
            Description = "Answer many questions: FILE (or - for standard input) holds one JSON object per line with the fields source, stream, destination, sourceHost, destinationHost; one verdict per line comes out, in order, as with --json.",
        };
        var sourceCmdline = new Option<string?>("--source-cmdline")
        {
            Description = "The source VM's whole command line: a libvirt-style .args file or a copy of /proc/PID/cmdline (NUL-separated); --source then names only its QEMU label (default: the file's program, when it is on this machine).",
        };
        var destinationCmdline = new Option<string?>("--destination-cmdline") { Description = "The destination VM's whole command line, as --source-cmdline." };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Also migrate for real with both lab binaries (TCG, paused, null back ends) and print QEMU's result beside the prediction; a disagreement is a Tern defect (exit 4).",
        };
        var knowledge = new KnowledgeOptions();
        var cmd = new Command("check", "Predict whether a VM migrates from the source to the destination, with QEMU's own error text.")
        {
            source, stream, destination, sourceHost, destinationHost, json, batch, dryRun, sourceCmdline, destinationCmdline,
        };
        knowledge.AddTo(cmd);
        cmd.SetAction(r =>
        {
            if (r.GetValue(batch) is { } questions)
            {
                if (r.GetValue(source) is not null || r.GetValue(stream) is not null || r.GetValue(destination) is not null)
                    throw new UsageException("--batch takes the questions from its file: give no --source, --stream or --destination");
                using var input = questions == "-" ? Console.OpenStandardInput() : File.OpenRead(questions);
                using var output = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
                return new Batch.BatchRunner(knowledge.Build(r)).Run(input, output);
            }
            var dstSpec = CommandLineSpecs.Compose(r.GetValue(destination), r.GetValue(destinationCmdline), "destination");
            if (dstSpec is null) throw new UsageException("check: --destination is required (or --batch FILE)");
            var src = CommandLineSpecs.Compose(r.GetValue(source), r.GetValue(sourceCmdline), "source");
            var file = r.GetValue(stream);
            if ((src is null) == (file is null)) throw new UsageException("give exactly one of --source or --stream");
            HostSpec dst, s;
            // A spec may name a QEMU binary instead of a label: profiled once, then that profile answers for it.
            var (dstText, dstProfile) = BinarySpecs.Resolve(dstSpec);
            var (srcText, srcProfile) = src is null ? (null, null) : BinarySpecs.Resolve(src);
            try
            {
                dst = HostSpecParser.Parse(dstText, r.GetValue(destinationHost));
                s = srcText is null ? dst : HostSpecParser.Parse(srcText, r.GetValue(sourceHost));
            }
            catch (FormatException e)
            {
                throw new UsageException(e.Message);
            }
            // One prediction decodes three streams of a few MB (two templates and the simulated one) and exits.
            using var heap = HeapReservation.Reserve(160L << 20);
            var knowledgeBase = knowledge.Build(r, [srcProfile, dstProfile]);
            var predictor = new Predictor(knowledgeBase);
            Verdict verdict;
            if (file is not null)
            {
                using var input = InputOpener.Open(file);
                verdict = predictor.PredictStream(input, dst);
            }
            else
            {
                verdict = predictor.Predict(s, dst);
            }
            DryRunResult? real = null;
            if (r.GetValue(dryRun))
            {
                if (file is not null) throw new UsageException("--dry-run migrates the --source configuration: it does not take --stream");
                real = DryRunOf(s, dst, verdict, knowledgeBase);
            }
            if (r.GetValue(json)) VerdictJson.Write(Console.OpenStandardOutput(), verdict, src is null ? null : s, dst, file, more: real is null ? null : j => DryRunReport.Write(j, real));
            else
            {
                VerdictText.Write(Consoles.Stdout, verdict, src is null ? null : s, dst, file);
                if (real is not null) DryRunReport.Write(Consoles.Stdout, real);
            }
            if (real?.Agreement == Agreement.Disagree) return ExitCodes.Disagreement;
            return verdict.Kind switch
            {
                VerdictKind.Compatible => ExitCodes.Ok,
                VerdictKind.Incompatible => ExitCodes.Findings,
                _ => ExitCodes.Unreadable,
            };
        });
        return cmd;
    }

    // The real migration beside the prediction: both ends resolved as the prediction resolved them.
    private static DryRunResult DryRunOf(HostSpec source, HostSpec destination, Verdict verdict, Tern.Knowledge.KnowledgeBase knowledge)
    {
        var s = HostResolver.Resolve(source, MigrationEnd.Source, knowledge, [], []);
        var d = HostResolver.Resolve(destination, MigrationEnd.Destination, knowledge, [], []);
        if (s is null || d is null)
            return new DryRunResult(Tern.Lab.Migration.MigrationOutcome.Error, [], Agreement.Unpredicted, "a configuration QEMU cannot start (see the verdict): nothing to migrate");
        Console.Error.WriteLine($"tern: dry run: migrating with QEMU {s.Profile.Label} → {d.Profile.Label}…");
        return DryRun.RunAsync(s, d, verdict, Tern.Lab.Installation.LabDirectory.Default).GetAwaiter().GetResult();
    }
}
