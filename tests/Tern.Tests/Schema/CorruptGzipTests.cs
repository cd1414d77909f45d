using Tern.Cli;
using Tern.Cli.Commands;
using Tern.Schema;
using Tern.Tests.Support;

namespace Tern.Tests.Schema;

/// <summary>A gzip file whose deflate data is corrupt (found by the dump fuzz target) is a schema error, not an escaping InvalidDataException.</summary>
public sealed class CorruptGzipTests
{
    private static readonly string Corrupt = Path.Combine(Fixtures.Root, "fuzz-regressions", "dump", "corrupt-gzip-deflate-block");

    [Fact]
    public void The_loader_refuses_corrupt_deflate_data_with_a_schema_exception()
    {
        var e = Assert.Throws<SchemaException>(() => SchemaLoader.Load(File.ReadAllBytes(Corrupt), "bad.json.gz"));
        Assert.StartsWith("bad.json.gz: corrupt gzip data:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tern_diff_of_a_corrupt_gzip_exits_3_naming_the_side_without_a_stack_trace()
    {
        // The CLI decompresses before the loader sees the bytes (InputOpener), so its own catch reports this one.
        var good = Path.Combine(Fixtures.Root, "vmstate", "qemu-10.0.2-pseries-7.2.json.gz");
        var stderr = new StringWriter();
        var exit = DiffCommand.Run(good, Corrupt, false, "both", new StringWriter(), stderr);
        Assert.Equal(ExitCodes.Unreadable, exit);
        Assert.Contains($"cannot read NEW {Corrupt}", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);
    }
}
