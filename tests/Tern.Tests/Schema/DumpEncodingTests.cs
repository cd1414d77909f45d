using System.Text;
using Tern.Cli;
using Tern.Cli.Commands;
using Tern.Schema;
using Tern.Tests.Support;

namespace Tern.Tests.Schema;

/// <summary>Dumps that are not valid UTF-8 (one stray byte from another machine) are refused with the offset and path.</summary>
public sealed class DumpEncodingTests
{
    private static byte[] Regression(string name) => File.ReadAllBytes(Path.Combine(Fixtures.Root, "fuzz-regressions", "dump", name));

    [Fact]
    public void An_invalid_byte_in_a_string_value_names_its_byte_offset_and_JSON_path()
    {
        // Given a dump whose VMSD name holds the byte 0xff
        var bytes = Regression("invalid-utf8-in-a-string.json");
        var offset = bytes.AsSpan().IndexOf(new byte[] { (byte)'"', (byte)'t', (byte)'i', (byte)'m', 0xff });

        // When it is loaded
        var e = Assert.Throws<SchemaException>(() => VmstateDumpLoader.Parse(bytes, "bad.json"));

        // Then the error names the file, the path of the string and where the string starts
        Assert.Equal("bad.json", e.Origin);
        Assert.Equal("$.timer.Description.name", e.JsonPath);
        Assert.Contains($"invalid UTF-8 in the string at byte offset {offset}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_byte_in_a_key_is_a_schema_error_at_the_enclosing_object()
    {
        var e = Assert.Throws<SchemaException>(() => SchemaLoader.Load(Regression("invalid-utf8-in-a-key.json"), "bad.json"));
        Assert.Equal("$", e.JsonPath);
        Assert.Contains("invalid UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_after_an_invalid_key_in_a_skipped_value_still_gets_a_path()
    {
        // The parser skips the value of "Name" in a section (no string is read), so the syntax error comes first and
        // the error locator, which reads every key, meets the invalid one.
        var e = Assert.Throws<SchemaException>(() => SchemaLoader.Load(Regression("invalid-utf8-key-then-bad-json.json"), "bad.json"));
        Assert.Equal("$.timer.Name", e.JsonPath);
        Assert.Contains("invalid JSON at line 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tern_diff_of_a_dump_with_an_invalid_byte_exits_3_with_one_message_and_no_stack_trace()
    {
        // Given the dump with a stray 0xff, and a real dump
        var bad = Path.Combine(Fixtures.Root, "fuzz-regressions", "dump", "invalid-utf8-in-a-string.json");
        var good = Path.Combine(Fixtures.Root, "vmstate", "qemu-10.0.2-pseries-7.2.json.gz");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        // When diffed (both inputs are loaded in parallel: an escaping exception would be an AggregateException)
        var exit = DiffCommand.Run(bad, good, false, "both", stdout, stderr);

        // Then the input is reported unreadable, naming the file, path and offset
        Assert.Equal(ExitCodes.Unreadable, exit);
        var message = stderr.ToString();
        Assert.Contains($"cannot read OLD {bad}: at $.timer.Description.name: invalid UTF-8", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stdout.ToString());
    }
}
