using System.Text.Json;
using Tern.Tests.Knowledge;
using Tern.Tests.Support;

namespace Tern.Tests.Cli;

/// <summary>The CLI's profile options end to end: a given profile answers its label, a broken one is one line with exit 3.</summary>
public sealed class ProfileOptionsTests
{
    [Fact]
    public void A_given_profile_answers_for_its_label_and_the_verdict_says_it_was_measured()
    {
        var r = TernProcess.Run("check", "--destination-profile", HostProfileFileTests.RealProfile, "--json",
            "--source", "qemu-10.0.13 -machine pseries-10.0", "--destination", "qemu-11.1 -machine pseries-10.0");

        Assert.True(r.ExitCode == 0, r.StdErr);
        using var doc = JsonDocument.Parse(r.StdOut);
        Assert.Equal("compatible", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Contains(doc.RootElement.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("destination knowledge: QEMU 11.1.3 (measured)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_profile_that_is_not_one_is_one_line_naming_the_file_and_field_with_exit_3()
    {
        var file = Path.Combine(Path.GetTempPath(), $"tern-not-a-profile-{Environment.ProcessId}.json");
        File.WriteAllText(file, "{\"devices\": []}");
        try
        {
            var r = TernProcess.Run("check", "--source-profile", file, "--source", "qemu-11.1 -machine pseries-11.1", "--destination", "qemu-11.1 -machine pseries-11.1");

            Assert.Equal(3, r.ExitCode);
            var line = Assert.Single(r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal($"tern: {file}: field $.format: missing: not a Tern profile (expected \"format\": \"tern-profile/1\")", line);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Profile_list_shows_given_directories_before_the_embedded_knowledge()
    {
        var r = TernProcess.Run("profile", "list", "--json", "--profiles", Path.GetDirectoryName(HostProfileFileTests.RealProfile)!);

        Assert.True(r.ExitCode == 0, r.StdErr);
        using var doc = JsonDocument.Parse(r.StdOut);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal("--profiles", rows[0].GetProperty("origin").GetString());
        Assert.Contains(rows, x => x.GetProperty("origin").GetString() == "embedded" && x.GetProperty("label").GetString() == "10.0.13" && x.GetProperty("provenance").GetString() == "measured");
        Assert.Contains(rows, x => x.GetProperty("origin").GetString() == "embedded" && x.GetProperty("label").GetString() == "2.12" && x.GetProperty("provenance").GetString() == "source");
    }

    [Theory]
    [InlineData("cortex-a57,max", new[] { "cortex-a57", "max" })]
    [InlineData("max,sve=off,cortex-a57", new[] { "max,sve=off", "cortex-a57" })]
    [InlineData("max,pmu=off,sve=off", new[] { "max,pmu=off,sve=off" })]
    [InlineData(" power9_v2.2 , power10 ", new[] { "power9_v2.2", "power10" })]
    public void Cpus_keeps_a_models_properties_with_it(string cpus, string[] models) =>
        Assert.Equal(models, Tern.Cli.Commands.ProfileCommand.CpuModels(cpus));

    [Fact]
    public void Cpus_refuses_a_property_with_no_model()
    {
        var e = Assert.Throws<Tern.Cli.UsageException>(() => Tern.Cli.Commands.ProfileCommand.CpuModels("sve=off,max"));
        Assert.Contains("'sve=off' is a CPU property with no model before it", e.Message, StringComparison.Ordinal);
    }
}
