using System.Text.Json;
using Tern.Tests.Support;

namespace Tern.Tests.Fleet;

/// <summary>The verbs end to end as a process: exit codes, one-line errors, the JSON contracts.</summary>
public sealed class PlanCommandTests
{
    [Fact]
    public void A_bad_inventory_is_one_line_naming_file_line_and_key_and_exit_3()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tern-bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "hosts:\n  - name: a\n    qemu: qemu-7.2\n    colour: red\n");
        try
        {
            var r = TernProcess.Run("plan", path);
            Assert.Equal(3, r.ExitCode);
            Assert.Equal($"tern: {path}:4: hosts[0].colour: unknown key (known: name, arch, qemu, profile, host)", r.StdErr.TrimEnd('\n'));
            Assert.Empty(r.StdOut);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_upgrade_of_a_host_that_is_not_there_is_a_usage_error()
    {
        var r = TernProcess.Run("plan", ExampleFleet, "--upgrade", "nope=qemu-7.2");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("there is no host 'nope'", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_json_has_the_options_the_direction_and_each_host()
    {
        var r = TernProcess.Run("baseline", "qemu-10.0.13", "qemu-10.0.13", "--arch", "ppc64", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        var root = doc.RootElement;
        Assert.StartsWith("-machine pseries-", root.GetProperty("options").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("roundTrip").GetBoolean());
        Assert.Equal(2, root.GetProperty("hosts").GetArrayLength());
        Assert.All(root.GetProperty("pairs").EnumerateArray(), p => Assert.Equal("compatible", p.GetProperty("verdict").GetString()));
    }

    [Fact]
    public void Baseline_of_hosts_of_two_targets_asks_for_arch()
    {
        var r = TernProcess.Run("baseline", "--inventory", ExampleFleet);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("give --arch", r.StdErr, StringComparison.Ordinal);
    }

    private static string ExampleFleet
    {
        get
        {
            var dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "Tern.slnx"))) dir = Path.GetDirectoryName(dir)!;
            return Path.Combine(dir, "examples", "fleet", "fleet.yaml");
        }
    }
}
