using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tern.Cli.Batch;
using Tern.Tests.Support;

namespace Tern.Tests.Cli;

public sealed class CheckBatchTests
{
    private static readonly string PseriesForward = Question("qemu-7.2 -machine pseries-7.2 -accel tcg", "qemu-10.0.2 -machine pseries-7.2 -accel tcg");
    private static readonly string VirtSame = Question("qemu-7.2 -machine virt-7.2 -accel tcg -cpu cortex-a57", "qemu-7.2 -machine virt-7.2 -accel tcg -cpu cortex-a57");
    private static readonly string UnknownVersion = Question("qemu-1.0 -machine pseries -accel tcg", "qemu-7.2 -machine pseries-7.2 -accel tcg");

    private static string Question(string source, string destination) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["source"] = source, ["destination"] = destination });

    private static (int Exit, string[] Lines) RunBatch(string input)
    {
        using var output = new MemoryStream();
        var exit = new BatchRunner().Run(new MemoryStream(Encoding.UTF8.GetBytes(input)), output);
        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return (exit, text.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Every_answer_equals_what_check_json_prints_for_the_same_question()
    {
        var stream = Fixtures.StreamPath("same-7.2-virt-a57");
        var streamQuestion = JsonSerializer.Serialize(new Dictionary<string, string> { ["stream"] = stream, ["destination"] = "qemu-10.0.13 -machine virt-7.2 -accel tcg -cpu cortex-a57 -m 256" });
        var (_, lines) = RunBatch(string.Join('\n', PseriesForward, VirtSame, UnknownVersion, streamQuestion) + "\n");
        Assert.Equal(4, lines.Length);
        string[][] single =
        [
            ["check", "--source", "qemu-7.2 -machine pseries-7.2 -accel tcg", "--destination", "qemu-10.0.2 -machine pseries-7.2 -accel tcg", "--json"],
            ["check", "--source", "qemu-7.2 -machine virt-7.2 -accel tcg -cpu cortex-a57", "--destination", "qemu-7.2 -machine virt-7.2 -accel tcg -cpu cortex-a57", "--json"],
            ["check", "--source", "qemu-1.0 -machine pseries -accel tcg", "--destination", "qemu-7.2 -machine pseries-7.2 -accel tcg", "--json"],
            ["check", "--stream", stream, "--destination", "qemu-10.0.13 -machine virt-7.2 -accel tcg -cpu cortex-a57 -m 256", "--json"],
        ];
        for (var i = 0; i < single.Length; i++)
        {
            var r = TernProcess.Run(single[i]);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(r.StdOut), JsonNode.Parse(lines[i])), $"line {i + 1} differs from check --json:\n{lines[i]}\n{r.StdOut}");
        }
        Assert.Equal("incompatible", JsonNode.Parse(lines[0])!["verdict"]!.GetValue<string>());
        Assert.Equal("compatible", JsonNode.Parse(lines[1])!["verdict"]!.GetValue<string>());
        Assert.Equal("undecidable", JsonNode.Parse(lines[2])!["verdict"]!.GetValue<string>());
    }

    [Fact]
    public void Repeated_questions_get_the_same_answer_in_input_order()
    {
        var (exit, lines) = RunBatch(string.Join('\n', VirtSame, PseriesForward, VirtSame, PseriesForward, VirtSame));
        Assert.Equal(5, lines.Length);
        Assert.Equal(lines[0], lines[2]);
        Assert.Equal(lines[0], lines[4]);
        Assert.Equal(lines[1], lines[3]);
        Assert.NotEqual(lines[0], lines[1]);
        Assert.Equal(1, exit); // some incompatible, none undecidable
    }

    [Fact]
    public void All_compatible_exits_0()
    {
        var (exit, lines) = RunBatch(VirtSame + "\r\n\r\n" + VirtSame + "\r\n");
        Assert.Equal(2, lines.Length); // blank lines ask nothing
        Assert.Equal(0, exit);
    }

    [Fact]
    public void A_bad_line_is_answered_with_its_number_and_the_batch_goes_on()
    {
        var tooLong = "{\"source\": \"" + new string('x', BatchRunner.MaxLineBytes + 10) + "\"}";
        var input = string.Join('\n', "not json", "{\"source\": \"qemu-7.2 -machine virt-7.2\"}", "{\"src\": 1}", tooLong,
            "{\"source\": \"qemu-7.2\", \"stream\": \"x\", \"destination\": \"qemu-7.2\"}", "{\"stream\": \"/nonexistent/s.stream\", \"destination\": \"qemu-7.2 -machine virt-7.2\"}", VirtSame);
        var (exit, lines) = RunBatch(input);
        Assert.Equal(7, lines.Length);
        for (var i = 0; i < 6; i++)
        {
            var e = JsonNode.Parse(lines[i])!;
            Assert.Equal(i + 1, e["line"]!.GetValue<int>());
            Assert.Equal("undecidable", e["verdict"]!.GetValue<string>());
            Assert.False(string.IsNullOrWhiteSpace(e["error"]!.GetValue<string>()));
        }
        Assert.Contains("destination", JsonNode.Parse(lines[1])!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("longer than", JsonNode.Parse(lines[3])!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("/nonexistent/s.stream", JsonNode.Parse(lines[5])!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("compatible", JsonNode.Parse(lines[6])!["verdict"]!.GetValue<string>());
        Assert.Equal(3, exit);
    }

    [Fact]
    public void Batch_from_standard_input_through_the_cli()
    {
        var r = TernProcess.Run(Encoding.UTF8.GetBytes(VirtSame + "\n" + VirtSame + "\n"), "check", "--batch", "-");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, r.StdOut.TrimEnd('\n').Split('\n').Length);
        var mixed = TernProcess.Run("check", "--batch", "-", "--destination", "qemu-7.2");
        Assert.Equal(2, mixed.ExitCode);
        Assert.Contains("--batch", mixed.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\nb\n", new[] { "a", "b" })]
    [InlineData("a\r\nb", new[] { "a", "b" })]
    [InlineData("\n\nc", new[] { "", "", "c" })]
    public void Line_reader_splits_on_newlines(string input, string[] expected)
    {
        var r = new BoundedLineReader(new NonSeekableStream(new MemoryStream(Encoding.UTF8.GetBytes(input)), 1), 16);
        var got = new List<string>();
        while (r.TryReadLine(out var line, out var tooLong))
        {
            Assert.False(tooLong);
            got.Add(Encoding.UTF8.GetString(line));
        }
        Assert.Equal(expected, got);
    }

    [Fact]
    public void Line_reader_skips_a_line_over_the_limit_without_buffering_it()
    {
        var input = "short\n" + new string('y', 100_000) + "\nafter";
        var r = new BoundedLineReader(new NonSeekableStream(new MemoryStream(Encoding.UTF8.GetBytes(input)), 7), 64);
        Assert.True(r.TryReadLine(out var a, out var t1));
        Assert.Equal("short", Encoding.UTF8.GetString(a));
        Assert.False(t1);
        Assert.True(r.TryReadLine(out var b, out var t2));
        Assert.True(t2);
        Assert.True(b.IsEmpty);
        Assert.True(r.TryReadLine(out var c, out var t3));
        Assert.False(t3);
        Assert.Equal("after", Encoding.UTF8.GetString(c));
        Assert.False(r.TryReadLine(out _, out _));
    }
}
