using System.Text.Json;
using Spectre.Console;
using Tern.Cli;
using Tern.Cli.Input;
using Tern.Cli.Reports;
using Tern.Lab.Matrix;
using Tern.Platforms;
using Tern.Predict;
using Tern.Schema;
using Tern.Schema.Diff;
using Tern.Tests.Support;
using Tern.Wire;

namespace Tern.Tests.Cli;

/// <summary>
/// The terminal output of check, diff, inspect and matrix, rendered from real inputs onto the console a pipe gets
/// (<see cref="Consoles.Plain"/>: no colour, the CLI's width), against reviewed golden files under Cli/Golden.
/// </summary>
public sealed class TerminalGoldenTests
{
    private const string ReadmeSource = "qemu-7.2 -machine pseries-7.2 -accel tcg";
    private const string ReadmeDestination = "qemu-10.0.2 -machine pseries-7.2 -accel tcg";

    private static string Render(int width, Action<IAnsiConsole> write)
    {
        using var text = new StringWriter();
        write(Consoles.Plain(text, width));
        return text.ToString();
    }

    private static void WriteReadmeCheck(IAnsiConsole console)
    {
        var source = HostSpecParser.Parse(ReadmeSource);
        var destination = HostSpecParser.Parse(ReadmeDestination);
        VerdictText.Write(console, new Predictor().Predict(source, destination), source, destination, stream: null);
    }

    [Fact]
    public void Check_of_the_README_example_shows_INCOMPATIBLE_QEMUs_cpu_error_and_the_missing_icp_server()
    {
        // Given the README's pair, judged by the engine from embedded knowledge
        // When the verdict is rendered as check prints it into a pipe (80 columns)
        var output = Render(80, WriteReadmeCheck);

        // Then the answer, QEMU's only words for the CPU refusal and the section 10.0.2 lacks are there, as reviewed
        Assert.StartsWith("INCOMPATIBLE: QEMU 7.2 pseries-7.2 → QEMU 10.0.2 pseries-7.2\n", output, StringComparison.Ordinal);
        Assert.Contains("  qemu: error while loading state for instance 0x0 of device 'cpu'\n", output, StringComparison.Ordinal);
        Assert.Contains("no section 'icp/server' instance 0", output, StringComparison.Ordinal);
        GoldenFile.Verify("check-readme.txt", output);
    }

    [Fact]
    public void Check_of_the_README_example_on_a_256_colour_terminal_keeps_its_colours()
    {
        // Given a terminal console: ANSI, 256 colours, 100 columns
        using var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.EightBit,
        });
        console.Profile.Width = 100;

        // When the README's verdict is rendered on it
        WriteReadmeCheck(console);

        // Then the verdict word is bold red and the rest is as reviewed
        Assert.StartsWith("\e[1;38;5;9mINCOMPATIBLE\e[0m: ", text.ToString(), StringComparison.Ordinal);
        GoldenFile.Verify("check-readme.ansi.txt", text.ToString());
    }

    [Fact]
    public void Check_of_a_real_10_0_2_stream_into_7_2_shows_the_RAM_size_and_cpu_slb_refusals()
    {
        // Given the stream real QEMU 10.0.2 wrote for pseries-7.2 (a 256 MiB guest) and a 7.2 destination with the default -m
        const string stream = "tests/fixtures/streams/x-10.0.2-to-7.2-pseries-7.2.stream.gz";
        var destination = HostSpecParser.Parse("qemu-7.2 -machine pseries-7.2 -accel tcg");
        using var input = InputOpener.Open(Fixtures.StreamPath("x-10.0.2-to-7.2-pseries-7.2"));
        var verdict = new Predictor().PredictStream(input, destination);

        // When rendered as check --stream prints it into a pipe
        var output = Render(80, c => VerdictText.Write(c, verdict, null, destination, stream));

        // Then both fatal findings carry QEMU's own lines
        Assert.Contains("  qemu: Size mismatch: ppc_spapr.ram: 0x10000000 != 0x8000000: Invalid argument\n", output, StringComparison.Ordinal);
        Assert.Contains("  qemu: cpu/slb: incoming version_id 2 is too new for local version_id 1\n", output, StringComparison.Ordinal);
        GoldenFile.Verify("check-stream.txt", output);
    }

    [Fact]
    public void Diff_of_the_real_5_2_and_7_2_streams_shows_the_spapr_iommu_break_backward()
    {
        // Given the vmdescs of the pseries-5.2 streams QEMU 5.2 and 7.2 wrote (7.2 → 5.2 failed on spapr_iommu)
        var old = LoadSchema("tests/fixtures/streams/x-5.2-to-7.2-pseries-5.2.stream.gz", "x-5.2-to-7.2-pseries-5.2");
        var @new = LoadSchema("tests/fixtures/streams/x-5.2-to-7.2-pseries-5.2.back.stream.gz", "x-5.2-to-7.2-pseries-5.2.back");
        var result = SchemaDiff.Compare(old, @new);

        // When rendered as diff prints it into a pipe (160 columns)
        var output = Render(160, c => DiffTableReport.Write(c, result));

        // Then the backward direction breaks with QEMU's message
        Assert.Contains("backward (NEW -> OLD): breaks: 1 breaking", output, StringComparison.Ordinal);
        Assert.Contains("QEMU: savevm: unsupported version 3 for 'spapr_iommu' v2", output, StringComparison.Ordinal);
        GoldenFile.Verify("diff-streams.txt", output);
    }

    [Fact]
    public void Inspect_of_a_real_7_2_pseries_stream_shows_the_machine_RAM_blocks_and_sections()
    {
        // Given the stream QEMU 7.2 wrote for pseries-7.2
        const string name = "tests/fixtures/streams/same-7.2-pseries.stream.gz";
        using var reader = new MigrationStreamReader(InputOpener.Open(Fixtures.StreamPath("same-7.2-pseries")));
        var summary = StreamSummarizer.Summarize(reader);

        // When rendered as inspect prints it into a pipe
        var output = Render(80, c => SummaryText.Write(c, name, summary));

        // Then the machine and the guest's 256 MiB of RAM are named
        Assert.Contains("machine pseries-7.2", output, StringComparison.Ordinal);
        Assert.Contains("│ ppc_spapr.ram │ 256 MiB ", output, StringComparison.Ordinal);
        GoldenFile.Verify("inspect-same-7.2-pseries.txt", output);
    }

    [Fact]
    public void Matrix_of_a_recorded_lab_run_shows_every_cell_with_QEMUs_reason_and_the_tally()
    {
        // Given the 9 cells of a real lab run (tests/fixtures/matrix)
        var records = RecordedMatrix("pseries-7.2-three-versions.json");

        // When rendered as matrix prints the stored cells into a pipe (160 columns, no run of its own)
        var output = Render(160, c => MatrixTextReport.Write(c, records, null));

        // Then the 10.0.13 → 10.0.2 refusal names icp/server and the tally counts the run
        Assert.Contains("Unknown savevm section or instance", output, StringComparison.Ordinal);
        Assert.EndsWith("9 cells: 4 success, 5 failed; 9 agree, 0 disagree, 0 unpredicted; 0 regressions\n", output, StringComparison.Ordinal);
        GoldenFile.Verify("matrix-pseries-7.2.txt", output);
    }

    [Fact]
    public void The_real_CLI_in_a_pipe_prints_exactly_the_golden_check_rendering()
    {
        // Given the CLI with only its embedded knowledge (no lab or user profiles)
        var empty = Directory.CreateTempSubdirectory("tern-golden-");
        try
        {
            var environment = new Dictionary<string, string?>
            {
                ["TERN_LAB_DIR"] = empty.FullName, ["XDG_DATA_HOME"] = empty.FullName, ["TERN_PROFILE_PATH"] = null,
            };

            // When the README's check runs with its standard output on a pipe
            var r = TernProcess.Run(environment, "check", "--source", ReadmeSource, "--destination", ReadmeDestination);

            // Then it prints the golden file byte for byte, exit 1 (incompatible), nothing on standard error
            Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cli", "Golden", "check-readme.txt")), r.StdOut);
            Assert.Equal(1, r.ExitCode);
            Assert.Equal("", r.StdErr);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    private static VmstateSchema LoadSchema(string origin, string fixture)
    {
        using var input = InputOpener.Open(Fixtures.StreamPath(fixture));
        return SchemaLoader.Load(input, origin);
    }

    private static List<MatrixRecord> RecordedMatrix(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Fixtures.Root, "matrix", name)));
        return doc.RootElement.GetProperty("cells").EnumerateArray().Select(MatrixRecordJson.Read).ToList();
    }
}
