using System.Text.Json;
using Tern.Knowledge;
using Tern.Lab.Installation;

namespace Tern.Lab.Tests;

/// <summary>
/// <c>tern compat OLD NEW --real</c> end to end on real QEMU: every cell's prediction is judged by the real migration,
/// which knows nothing of the prediction. Pairs: 7.2 → 10.0.13 (breaks both ways), 10.0.2 → 10.0.13 (a point release),
/// and 10.0.13 → the newest lab QEMU outside the embedded knowledge (11.1.3, profiled from its binary).
/// </summary>
public sealed class CompatTests
{
    public static TheoryData<string, string, string, string, string> Pairs => new()
    {
        // old, new, arch, machines, cpus
        { "7.2", "10.0.13", "ppc64", "pseries-7.2", "power9_v2.0,power10" },
        { "7.2", "10.0.13", "aarch64", "virt-7.2", "cortex-a57,max" },
        { "10.0.2", "10.0.13", "ppc64", "pseries-7.2,pseries-10.0", "power10" },
        { "10.0.2", "10.0.13", "aarch64", "virt-10.0", "cortex-a57,neoverse-n1" },
        { "10.0.13", "unseen", "ppc64", "pseries-7.2,pseries-10.0", "power9_v2.2,power10" },
        { "10.0.13", "unseen", "aarch64", "virt-7.2,virt-10.0", "cortex-a57,max" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Every_cells_prediction_agrees_with_the_real_migration_both_ways(string old, string @new, string arch, string machines, string cpus)
    {
        var ct = TestContext.Current.CancellationToken;
        if (@new == "unseen") @new = Unseen();
        LabFixture.Require(old, @new);
        var dir = LabFixture.TempDir("compat");
        var junit = Path.Combine(dir, "compat.xml");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["compat", "qemu-" + old, "qemu-" + @new, "--arch", arch, "--machines", machines, "--cpus", cpus, "--real", "--json", "--junit", junit, "--jobs", "2"], ct);

        Assert.True(exit is 0 or 1, $"exit {exit} (4 = a prediction disagrees with QEMU, 3 = undecidable or lab error)\n{stdout}\n{stderr}");
        using var doc = JsonDocument.Parse(stdout);
        var cells = doc.RootElement.GetProperty("machines").EnumerateArray().ToList();
        Assert.Equal(machines.Split(',').Length * (cpus.Split(',').Length + 1), cells.Count);
        var broken = 0;
        foreach (var c in cells)
        {
            var name = $"{c.GetProperty("machine").GetString()} {c.GetProperty("cpu")}";
            foreach (var d in new[] { "forward", "backward" })
            {
                var predicted = c.GetProperty(d).GetString();
                var real = c.GetProperty("real").GetProperty(d).GetString();
                Assert.True(real is "success" or "failure", $"{name} {d}: no real outcome ({c.GetProperty("real")})");
                Assert.True(predicted is "compatible" or "incompatible", $"{name} {d}: prediction {predicted}");
                Assert.True(predicted == "compatible" == (real == "success"), $"{name} {d}: Tern predicted {predicted}, QEMU {real}: {c.GetProperty("real").GetProperty("stderr").GetProperty(d)}");
                if (real == "failure") broken++;
            }
        }
        Assert.Equal(broken > 0 ? 1 : 0, exit);
        Assert.Equal(0, doc.RootElement.GetProperty("disagreements").GetArrayLength());
        var xml = await File.ReadAllTextAsync(junit, ct);
        Assert.Contains($"tests=\"{cells.Count * 2}\"", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"disagreement\"", xml, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task From_7_2_to_10_0_13_the_pseries_7_2_summary_names_the_moved_default_CPU_and_the_cpu_slb_version()
    {
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require("7.2", "10.0.13");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["compat", "qemu-7.2", "qemu-10.0.13", "--arch", "ppc64", "--machines", "pseries-7.2", "--real"], ct);

        Assert.True(exit == 1, $"exit {exit}\n{stdout}\n{stderr}");
        var summary = stdout.Split('\n').SkipWhile(l => !l.StartsWith("pseries-7.2:", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0);
        var line = string.Join(' ', summary.Select(l => l.Trim()));
        // QEMU 8.1 made POWER9 DD2.2 the default CPU of every pseries type; 10.0 sends cpu/slb at version 2, 7.2 loads 1.
        Assert.Contains("forward breaks — default CPU moved power9_v2.0 → power9_v2.2 — fix: pin -cpu power9_v2.0", line, StringComparison.Ordinal);
        Assert.Contains("backward breaks", line, StringComparison.Ordinal);
        Assert.Contains("cpu/slb", line, StringComparison.Ordinal);
        Assert.Contains("real load-failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_HTML_report_in_headless_Chromium_shows_the_summary_and_a_clicked_cells_QEMU_stderr()
    {
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require("7.2", "10.0.13");
        var dir = LabFixture.TempDir("compat-html");
        var html = Path.Combine(dir, "compat.html");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["compat", "qemu-7.2", "qemu-10.0.13", "--arch", "ppc64", "--machines", "pseries-7.2", "--cpus", "power9_v2.0", "--real", "--json", "--html", html], ct);
        Assert.True(exit == 1, $"exit {exit}\n{stderr}");

        await using var browser = await HeadlessChromium.StartAsync(ct);
        await browser.NavigateAsync(new Uri(html).AbsoluteUri, ct);
        var summaries = (await browser.EvaluateAsync("document.querySelectorAll('ul.summary li.breaks').length", ct)).GetInt32();
        var verdicts = (await browser.EvaluateAsync("document.querySelectorAll('td.verdict').length", ct)).GetInt32();
        var hiddenBefore = (await browser.EvaluateAsync("document.getElementById('details').hidden", ct)).GetBoolean();
        var rect = await browser.EvaluateAsync("(function(){var r=document.querySelector('td.verdict[data-direction=\"backward\"]').getBoundingClientRect();return [r.left+r.width/2,r.top+r.height/2];})()", ct);
        await browser.ClickAsync(rect[0].GetDouble(), rect[1].GetDouble(), ct);
        var details = (await browser.EvaluateAsync("document.getElementById('details').hidden ? '' : document.getElementById('details').innerText", ct)).GetString();
        var colour = (await browser.EvaluateAsync("getComputedStyle(document.querySelector('td.verdict[data-direction=\"backward\"]')).backgroundColor", ct)).GetString();

        Assert.Equal(1, summaries);
        Assert.Equal(4, verdicts); // (default CPU, power9_v2.0) × (forward, backward)
        Assert.True(hiddenBefore);
        Assert.Contains("incompatible", details, StringComparison.Ordinal);
        Assert.Contains("cpu/slb: incoming version_id 2 is too new for local version_id 1", details, StringComparison.Ordinal);
        Assert.Equal("rgb(246, 211, 211)", colour);
        Directory.Delete(dir, recursive: true);
    }

    private static string Unseen()
    {
        var lab = LabFixture.Require("10.0.13");
        var unseen = QemuInstallation.LoadAll(lab).Where(i => KnowledgeBase.Default.Find(i.Label) is null).ToList();
        if (unseen.Count == 0)
            Assert.Fail($"no lab QEMU outside Tern's embedded knowledge under {lab}: run scripts/install-qemu-lab.sh sid (scripts/test.sh does)");
        return unseen[^1].Label;
    }
}
