using Tern.Cli.Reports;
using Tern.Fleet;
using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Lab.Installation;
using Tern.Lab.Migration;
using Tern.Lab.Profiles;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Lab.Tests;

/// <summary>
/// <c>tern baseline</c> against real QEMU: the configuration it proposes is migrated with the lab's binaries in both
/// directions, and real QEMU must do what the baseline claims (both ways when it says round trip, forward only when
/// it says one-way). Expectations come from QEMU's runs, not from the code under test.
/// </summary>
public sealed class FleetLabTests
{
    private static FleetHost Host(string label, KnowledgeBase kb) => new("qemu-" + label, label, Architecture.Ppc64, "", kb.Find(label)!);

    // The baseline's options as QEMU arguments after the lab's base arguments (which already select TCG).
    private static MigrationSide Side(string qemu, string options)
    {
        var args = options.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var accel = args.IndexOf("-accel");
        if (accel >= 0) args.RemoveRange(accel, 2);
        return new MigrationSide(qemu, [.. MigrationSide.BaseArgs, .. args]);
    }

    [Fact]
    public async Task The_baseline_of_QEMU_10_0_13_and_11_1_3_migrates_both_ways_with_real_QEMU()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabFixture.Require("10.0.13", "11.1.3");
        var dir = LabFixture.TempDir("baseline");
        try
        {
            // 11.1.3 is not embedded: profile the lab's binary into a private directory (never the lab's profiles).
            var profile = await HostProfiler.ProfileAsync(QemuInstallation.Find(lab, "11.1.3"), new HostProfilerOptions { Arch = "ppc64" }, ct);
            HostProfileFile.Write(profile, Path.Combine(dir, $"11.1.3-ppc64{HostProfileFile.Extension}"));
            var kb = KnowledgeBase.Default.With(new ProfileSearch([], [(dir, "test")]));

            var baseline = new BaselineFinder(new FleetJudge(new Predictor(kb))).Find([Host("10.0.13", kb), Host("11.1.3", kb)]);
            Assert.NotNull(baseline.Options);
            Assert.True(baseline.RoundTrip, $"the baseline should round-trip: {baseline.Options}");

            var up = await MigrationRun.RunAsync(Side("10.0.13", baseline.Options), Side("11.1.3", baseline.Options), new MigrationRunOptions { LabDir = lab, Arch = "ppc64", BackHop = true }, ct);
            var down = await MigrationRun.RunAsync(Side("11.1.3", baseline.Options), Side("10.0.13", baseline.Options), new MigrationRunOptions { LabDir = lab, Arch = "ppc64", BackHop = true }, ct);

            Assert.True(up.Forward.Outcome == MigrationOutcome.Success, $"10.0.13 → 11.1.3 {baseline.Options}: {up.Forward.Outcome} {string.Join(" | ", up.Forward.Stderr)}");
            Assert.True(up.Back?.Outcome == MigrationOutcome.Success, $"back to 10.0.13: {up.Back?.Outcome} {string.Join(" | ", up.Back?.Stderr ?? [])}");
            Assert.True(down.Forward.Outcome == MigrationOutcome.Success, $"11.1.3 → 10.0.13 {baseline.Options}: {down.Forward.Outcome} {string.Join(" | ", down.Forward.Stderr)}");
            Assert.True(down.Back?.Outcome == MigrationOutcome.Success, $"back to 11.1.3: {down.Back?.Outcome} {string.Join(" | ", down.Back?.Stderr ?? [])}");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task A_one_way_baseline_of_10_0_2_and_10_0_13_migrates_forward_and_fails_back_with_real_QEMU()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabFixture.Require("10.0.2", "10.0.13");
        var kb = KnowledgeBase.Default;

        var baseline = new BaselineFinder(new FleetJudge(new Predictor(kb))).Find([Host("10.0.2", kb), Host("10.0.13", kb)]);
        Assert.NotNull(baseline.Options);
        Assert.False(baseline.RoundTrip);

        var run = await MigrationRun.RunAsync(Side("10.0.2", baseline.Options), Side("10.0.13", baseline.Options), new MigrationRunOptions { LabDir = lab, Arch = "ppc64", BackHop = true }, ct);

        Assert.True(run.Forward.Outcome == MigrationOutcome.Success, $"10.0.2 → 10.0.13 {baseline.Options}: {run.Forward.Outcome} {string.Join(" | ", run.Forward.Stderr)}");
        Assert.NotNull(run.Back);
        Assert.NotEqual(MigrationOutcome.Success, run.Back.Outcome);
        // QEMU's own first error line is the one the baseline's failing pair carries.
        var failing = baseline.Pairs.Single(p => p.Verdict.Kind != VerdictKind.Compatible);
        var qemuLine = failing.Verdict.Findings.First(f => f.Severity == Severity.Fatal).QemuError[0];
        Assert.Contains(run.Back.Stderr, l => l.EndsWith(qemuLine, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_plan_over_five_lab_versions_with_a_profiled_11_1_3_equals_check_for_every_pair()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabFixture.Require("5.2", "7.2", "10.0.2", "10.0.13", "11.1.3");
        var dir = LabFixture.TempDir("plan-five");
        try
        {
            // 11.1.3 is known only from profiles of the lab's binaries, named in the inventory with profile:.
            var inst = QemuInstallation.Find(lab, "11.1.3");
            foreach (var arch in new[] { "ppc64", "aarch64" })
            {
                var p = await HostProfiler.ProfileAsync(inst, new HostProfilerOptions { Arch = arch }, ct);
                HostProfileFile.Write(p, Path.Combine(dir, $"11.1.3-{arch}{HostProfileFile.Extension}"));
            }
            var yaml = $$"""
                hosts:
                  - {name: p52,  qemu: qemu-5.2,   arch: ppc64}
                  - {name: p72,  qemu: qemu-7.2,   arch: ppc64}
                  - {name: p1002, qemu: qemu-10.0.2, arch: ppc64}
                  - {name: p1013, qemu: qemu-10.0.13, arch: ppc64}
                  - {name: p111, profile: 11.1.3-ppc64{{HostProfileFile.Extension}}}
                  - {name: a72,  qemu: qemu-7.2,   arch: aarch64}
                  - {name: a1013, qemu: qemu-10.0.13, arch: aarch64}
                  - {name: a111, profile: 11.1.3-aarch64{{HostProfileFile.Extension}}}
                vms:
                  - {name: v52,  host: p52,   cmdline: "-machine pseries-5.2"}
                  - {name: v72,  host: p72,   cmdline: "-machine pseries-7.2 -cpu power9_v2.0"}
                  - {name: v100, host: p1013, cmdline: "-machine pseries-10.0"}
                  - {name: v111, host: p111,  cmdline: "-machine pseries-10.0 -cpu power10_v2.0"}
                  - {name: arm,  host: a1013, cmdline: "-machine virt-7.2 -cpu cortex-a57"}
                  - {name: arm2, host: a111,  cmdline: "-machine virt-10.0 -cpu max"}
                """;
            var file = Path.Combine(dir, "fleet.yaml");
            await File.WriteAllTextAsync(file, yaml, ct);
            var inv = InventoryLoader.Load(file);
            var kb = KnowledgeBase.Default.With(new ProfileSearch(inv.Hosts.Select(h => h.ProfileFile).OfType<string>(), []));
            var hosts = FleetHosts.Resolve(inv, kb);
            var plan = new FleetPlanner(new Predictor(kb)) { Suggest = false }.Plan(inv, hosts);

            Assert.Equal(["11.1.3", "11.1.3"], hosts.Where(h => h.Name.EndsWith("111", StringComparison.Ordinal)).Select(h => h.Label));
            var check = new Predictor(kb);
            var byName = hosts.ToDictionary(h => h.Name);
            var pairs = 0;
            foreach (var vm in plan.Vms)
            {
                var cmdline = inv.Vms.Single(v => v.Name == vm.Name).Cmdline!;
                var from = byName[vm.Host];
                foreach (var t in vm.Targets)
                {
                    var to = byName[t.Host];
                    var there = check.Predict(HostSpecParser.Parse($"qemu-{from.Label} {cmdline}"), HostSpecParser.Parse($"qemu-{to.Label} {cmdline}"));
                    var back = check.Predict(HostSpecParser.Parse($"qemu-{to.Label} {cmdline}"), HostSpecParser.Parse($"qemu-{from.Label} {cmdline}"));
                    Assert.True(there.Kind == t.Verdict.Kind, $"{vm.Name}: {from.Name} → {to.Name}: check {there.Kind}, plan {t.Verdict.Kind}");
                    Assert.Equal(there.Findings.Select(f => f.Code), t.Verdict.Findings.Select(f => f.Code));
                    Assert.True(back.Kind == t.Back.Kind, $"{vm.Name}: {to.Name} → {from.Name}: check {back.Kind}, plan {t.Back.Kind}");
                    pairs += 2;
                }
            }
            Assert.Equal(2 * (4 * 4 + 2 * 2), pairs);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task The_plan_HTML_in_headless_Chromium_shows_the_heatmap_and_a_clicked_cells_reasons()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = LabFixture.TempDir("plan-html");
        var inv = InventoryLoader.Parse(new StringReader("""
            hosts:
              - {name: p-72,   arch: ppc64, qemu: qemu-7.2}
              - {name: p-1002, arch: ppc64, qemu: qemu-10.0.2}
              - {name: p-1013, arch: ppc64, qemu: qemu-10.0.13}
            vms:
              - {name: web, host: p-72,   cmdline: "-machine pseries-7.2 -cpu power9_v2.0"}
              - {name: db,  host: p-1013, cmdline: "-machine pseries-10.0"}
            """), "fleet.yaml");
        var plan = new FleetPlanner(new Predictor()) { Suggest = false }.Plan(inv, FleetHosts.Resolve(inv, KnowledgeBase.Default));
        var html = Path.Combine(dir, "plan.html");
        PlanHtml.Write(html, plan);
        var db = plan.Vms.Single(v => v.Name == "db");
        var blocked = db.Targets.Single(t => t.Host == "p-1002");
        Assert.Equal(VerdictKind.Incompatible, blocked.Verdict.Kind);

        await using var browser = await HeadlessChromium.StartAsync(ct);
        await browser.NavigateAsync(new Uri(html).AbsoluteUri, ct);
        var cells = (await browser.EvaluateAsync("document.querySelectorAll('td.cell').length", ct)).GetInt32();
        var hiddenBefore = (await browser.EvaluateAsync("document.getElementById('details').hidden", ct)).GetBoolean();
        const string selector = "td.cell[data-vm=\"1\"][data-host=\"p-1002\"]";
        var rect = await browser.EvaluateAsync($"(function(){{var r=document.querySelector('{selector}').getBoundingClientRect();return [r.left+r.width/2,r.top+r.height/2];}})()", ct);
        await browser.ClickAsync(rect[0].GetDouble(), rect[1].GetDouble(), ct);
        var details = (await browser.EvaluateAsync("document.getElementById('details').hidden ? '' : document.getElementById('details').innerText", ct)).GetString();
        var colour = (await browser.EvaluateAsync($"getComputedStyle(document.querySelector('{selector}')).backgroundColor", ct)).GetString();
        var png = await browser.ScreenshotAsync(ct);
        var shot = Path.Combine(AppContext.BaseDirectory, "plan-heatmap.png");
        await File.WriteAllBytesAsync(shot, png, ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {shot}");

        Assert.Equal(4, cells); // 2 VMs × 3 hosts, minus the one each runs on
        Assert.True(hiddenBefore);
        Assert.Contains("db (p-1013) → p-1002", details, StringComparison.Ordinal);
        Assert.Contains(blocked.Blocker!.Code, details, StringComparison.Ordinal);
        Assert.Contains(blocked.Blocker.QemuError[0], details, StringComparison.Ordinal);
        Assert.Equal("rgb(245, 181, 181)", colour); // blocked
        Assert.True(png.Length > 5000 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G');
        Directory.Delete(dir, true);
    }
}
