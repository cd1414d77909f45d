using System.CommandLine;
using System.Text.Json;
using Tern.Cli;
using Tern.Cli.Commands;
using Tern.Tests.Support;

namespace Tern.Tests.Schema;

public sealed class DiffCommandTests
{
    private static string Fixture(string relative) => Path.Combine(Fixtures.Root, relative);

    private static (int Exit, string Out, string Err) Run(string old, string @new, bool json = false, string? direction = "both")
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = DiffCommand.Run(old, @new, json, direction, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_dump_against_itself_exits_0_with_the_contract_JSON_fields()
    {
        // Given the same real dump twice
        var dump = Fixture("vmstate/qemu-10.0.13-pseries-10.0.json.gz");

        // When diffed as JSON
        var (exit, output, _) = Run(dump, dump, json: true);

        // Then it is compatible and the JSON has old, new and an empty findings list
        Assert.Equal(ExitCodes.Ok, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(dump, root.GetProperty("old").GetProperty("file").GetString());
        Assert.Equal("dump", root.GetProperty("new").GetProperty("kind").GetString());
        Assert.Equal("pseries-10.0", root.GetProperty("old").GetProperty("machine").GetString());
        Assert.Equal(0, root.GetProperty("findings").GetArrayLength());
        Assert.True(root.GetProperty("compatible").GetBoolean());
    }

    [Fact]
    public void Two_real_streams_that_break_exit_1_and_every_finding_has_the_contract_fields()
    {
        // Given the 5.2 and 7.2 streams of pseries-5.2 (7.2 → 5.2 failed on spapr_iommu)
        var (exit, output, _) = Run(Fixture("streams/x-5.2-to-7.2-pseries-5.2.stream.gz"), Fixture("streams/x-5.2-to-7.2-pseries-5.2.back.stream.gz"), json: true);

        // Then the exit code says a finding breaks migration
        Assert.Equal(ExitCodes.Findings, exit);
        using var doc = JsonDocument.Parse(output);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        foreach (var f in findings)
            foreach (var key in new[] { "code", "direction", "severity", "section", "path", "message", "rule" })
                Assert.Equal(JsonValueKind.String, f.GetProperty(key).ValueKind);
        Assert.Contains(findings, f => f.GetProperty("code").GetString() == "section-version-too-new"
                                       && f.GetProperty("direction").GetString() == "backward"
                                       && f.GetProperty("severity").GetString() == "breaks"
                                       && f.GetProperty("section").GetString() == "spapr_iommu");
        Assert.Equal("stream", doc.RootElement.GetProperty("old").GetProperty("kind").GetString());
    }

    [Fact]
    public void A_dump_and_a_stream_can_be_compared_and_the_direction_option_limits_the_output()
    {
        // Given a 7.2 dump and a 10.0.2 stream of pseries-7.2
        var (exit, output, _) = Run(Fixture("vmstate/qemu-7.2-pseries-7.2.json.gz"), Fixture("streams/x-10.0.2-to-7.2-pseries-7.2.stream.gz"), json: true, direction: "forward");

        // Then only forward findings are reported
        Assert.Equal(ExitCodes.Ok, exit);
        using var doc = JsonDocument.Parse(output);
        Assert.All(doc.RootElement.GetProperty("findings").EnumerateArray(), f => Assert.Equal("forward", f.GetProperty("direction").GetString()));
        Assert.Equal(["forward"], doc.RootElement.GetProperty("directions").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Unreadable_JSON_exits_3_naming_the_file_and_the_JSON_path_without_a_stack_trace()
    {
        // Given the truncated 5.2 dump
        var truncated = Fixture("vmstate/qemu-5.2-pseries-5.2.TRUNCATED-segfault.json.gz");

        // When diffed
        var (exit, output, error) = Run(truncated, Fixture("vmstate/qemu-7.2-pseries-5.2.json.gz"));

        // Then exit 3 and one clear line
        Assert.Equal(ExitCodes.Unreadable, exit);
        Assert.Empty(output);
        Assert.StartsWith($"tern diff: cannot read OLD {truncated}: at $[", error);
        Assert.Contains("invalid JSON at line", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void A_missing_file_exits_3()
    {
        // Given a path that does not exist, when diffed, then exit 3 naming the input
        var (exit, _, error) = Run("/nonexistent/old.json", Fixture("vmstate/qemu-7.2-pseries-5.2.json.gz"));
        Assert.Equal(ExitCodes.Unreadable, exit);
        Assert.StartsWith("tern diff: cannot read OLD /nonexistent/old.json", error);
    }

    [Fact]
    public void Both_inputs_on_standard_input_is_a_usage_error()
    {
        // Given - twice, when run, then it is a usage error (exit 2 through CommandRunner)
        Assert.Throws<UsageException>(() => Run("-", "-"));
    }

    [Fact]
    public void An_unknown_direction_is_refused_by_the_parser()
    {
        // Given the diff command, when --direction is not forward, backward or both, then parsing fails (exit 2)
        var root = new RootCommand { DiffCommand.Create() };
        Assert.NotEmpty(root.Parse(["diff", "a", "b", "--direction", "sideways"]).Errors);
        Assert.Empty(root.Parse(["diff", "a", "b", "--direction", "backward", "--json"]).Errors);
    }

    [Fact]
    public void The_table_shows_a_verdict_per_direction_and_QEMUs_message()
    {
        // Given the 7.2 and 10.0.2 pseries-7.2 streams
        // When diffed as a table
        var (exit, output, _) = Run(Fixture("streams/same-7.2-pseries.stream.gz"), Fixture("streams/x-10.0.2-to-7.2-pseries-7.2.stream.gz"));

        // Then both directions have a verdict line and the cpu/slb message appears
        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("forward (OLD -> NEW): breaks", output);
        Assert.Contains("backward (NEW -> OLD): breaks", output);
        Assert.Contains("cpu/slb: incoming version_id 2 is too new for local version_id 1", output);
    }
}
