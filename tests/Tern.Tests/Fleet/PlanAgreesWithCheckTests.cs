using Tern.Fleet;
using Tern.Knowledge;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Tests.Fleet;

/// <summary>
/// Every verdict of a plan equals what <c>tern check</c>'s engine says for that pair, computed independently: a fresh
/// <see cref="Predictor"/>, specs built from text exactly as <c>check --source/--destination/--*-host</c> builds them.
/// </summary>
public sealed class PlanAgreesWithCheckTests
{
    // The embedded knowledge: real profiles of QEMU 5.2, 7.2, 10.0.2 and 10.0.13 (pseries and virt).
    internal const string Yaml = """
        hosts:
          - {name: p-52,    arch: ppc64,   qemu: qemu-5.2}
          - {name: p-72,    arch: ppc64,   qemu: qemu-7.2}
          - {name: p-1002,  arch: ppc64,   qemu: qemu-10.0.2}
          - {name: p-1013a, arch: ppc64,   qemu: qemu-10.0.13}
          - {name: p-1013b, arch: ppc64,   qemu: qemu-10.0.13, host: {kvm: hv, pvr: "0x004e1202"}}
          - {name: a-72,    arch: aarch64, qemu: qemu-7.2}
          - {name: a-1013,  arch: aarch64, qemu: qemu-10.0.13}
        vms:
          - {name: old,     host: p-52,    cmdline: "-machine pseries-5.2 -m 512"}
          - {name: web,     host: p-72,    cmdline: "-machine pseries-7.2 -cpu power9_v2.0 -m 1024"}
          - {name: web2,    host: p-72,    cmdline: "-machine pseries-7.2 -cpu power9_v2.0 -m 1024 -name other"}
          - {name: compat,  host: p-1002,  cmdline: "-machine pseries-7.2,max-cpu-compat=power9 -m 1024"}
          - {name: new,     host: p-1013a, cmdline: "-machine pseries-10.0 -smp 2"}
          - {name: tuned,   host: p-1013a, cmdline: "-machine pseries-10.0,cap-cfpc=fixed"}
          - {name: nic,     host: p-1013b, cmdline: "-machine pseries-9.2 -device virtio-net-pci,netdev=n0 -netdev user,id=n0"}
          - {name: arm,     host: a-72,    cmdline: "-machine virt-7.2 -cpu cortex-a57 -m 512"}
          - {name: arm-new, host: a-1013,  cmdline: "-machine virt-10.0 -cpu cortex-a57"}
        """;

    internal static (Inventory Inventory, FleetPlan Plan) MakePlan(bool suggest = true)
    {
        var inv = InventoryLoader.Parse(new StringReader(Yaml), "fleet.yaml");
        var hosts = FleetHosts.Resolve(inv, KnowledgeBase.Default);
        return (inv, new FleetPlanner(new Predictor()) { Suggest = suggest }.Plan(inv, hosts));
    }

    [Fact]
    public void Every_plan_verdict_both_ways_equals_check_for_that_pair()
    {
        var (inv, plan) = MakePlan();
        var check = new Predictor();
        var hosts = inv.Hosts.ToDictionary(h => h.Name);
        var checkedPairs = 0;
        foreach (var vm in plan.Vms)
        {
            var cmdline = inv.Vms.Single(v => v.Name == vm.Name).Cmdline!;
            var from = hosts[vm.Host];
            var sameArch = inv.Hosts.Where(h => h.Architecture == from.Architecture && h.Name != from.Name).Select(h => h.Name).ToList();
            Assert.Equal(sameArch, vm.Targets.Select(t => t.Host));
            foreach (var t in vm.Targets)
            {
                var to = hosts[t.Host];
                var there = check.Predict(HostSpecParser.Parse($"qemu-{from.Qemu} {cmdline}", from.Facts), HostSpecParser.Parse($"qemu-{to.Qemu} {cmdline}", to.Facts));
                var back = check.Predict(HostSpecParser.Parse($"qemu-{to.Qemu} {cmdline}", to.Facts), HostSpecParser.Parse($"qemu-{from.Qemu} {cmdline}", from.Facts));
                Assert.True(there.Kind == t.Verdict.Kind, $"{vm.Name} {vm.Host} → {t.Host}: check says {there.Kind}, plan {t.Verdict.Kind}");
                Assert.Equal(there.Findings.Select(f => (f.Code, f.Severity, f.Message)), t.Verdict.Findings.Select(f => (f.Code, f.Severity, f.Message)));
                Assert.Equal(there.Findings.SelectMany(f => f.QemuError), t.Verdict.Findings.SelectMany(f => f.QemuError));
                Assert.Equal(there.Missing, t.Verdict.Missing);
                Assert.True(back.Kind == t.Back.Kind, $"{vm.Name} {t.Host} → {vm.Host}: check says {back.Kind}, plan {t.Back.Kind}");
                Assert.Equal(back.Findings.Select(f => (f.Code, f.Message)), t.Back.Findings.Select(f => (f.Code, f.Message)));
                checkedPairs += 2;
            }
        }
        // 7 POWER VMs × 4 other POWER hosts + 2 ARM VMs × 1 other ARM host, both ways.
        Assert.Equal(2 * (7 * 4 + 2 * 1), checkedPairs);
        // The fleet is not all one answer: the comparison covered each kind of verdict.
        var kinds = plan.Vms.SelectMany(v => v.Targets).Select(t => t.Verdict.Kind).Distinct().ToList();
        Assert.Contains(VerdictKind.Compatible, kinds);
        Assert.Contains(VerdictKind.Incompatible, kinds);
        Assert.Contains(VerdictKind.Undecidable, kinds);
    }

    [Fact]
    public void VMs_with_the_same_migration_relevant_configuration_are_judged_once()
    {
        var (_, plan) = MakePlan(suggest: false);
        // web and web2 differ only by -name (no migration state): one class; 9 VMs, 8 configurations.
        Assert.Equal(8, plan.Statistics.VmClasses);
        Assert.Equal(7, plan.Statistics.HostClasses);
        var web = plan.Vms.Single(v => v.Name == "web");
        var web2 = plan.Vms.Single(v => v.Name == "web2");
        Assert.All(web.Targets.Zip(web2.Targets), p => Assert.Same(p.First.Verdict, p.Second.Verdict));
    }

    [Fact]
    public void A_suggestion_is_the_change_that_check_verifies_opens_the_hosts_it_names()
    {
        var (inv, plan) = MakePlan();
        var check = new Predictor();
        var hosts = inv.Hosts.ToDictionary(h => h.Name);
        var suggested = plan.Vms.Where(v => v.Suggestion is not null).ToList();
        Assert.NotEmpty(suggested);
        foreach (var vm in suggested)
        {
            var s = vm.Suggestion!;
            var cmdline = Apply(inv.Vms.Single(v => v.Name == vm.Name).Cmdline!, s.Option);
            var from = hosts[vm.Host];
            var compatible = vm.Targets.Where(t =>
            {
                var to = hosts[t.Host];
                return check.Predict(HostSpecParser.Parse($"qemu-{from.Qemu} {cmdline}", from.Facts), HostSpecParser.Parse($"qemu-{to.Qemu} {cmdline}", to.Facts)).Kind == VerdictKind.Compatible;
            }).Select(t => t.Host).ToList();
            var before = vm.Targets.Where(t => t.Verdict.Kind == VerdictKind.Compatible).Select(t => t.Host).ToList();
            Assert.Equal(compatible.Count, s.CompatibleAfter);
            Assert.Equal(before.Count, s.CompatibleBefore);
            Assert.True(s.CompatibleAfter > s.CompatibleBefore);
            Assert.Equal(compatible.Except(before).Order(), s.Opened.Order());
        }
    }

    // The suggestion names the whole changed option (-machine … or -cpu …): replace that option in the command line.
    private static string Apply(string cmdline, string option)
    {
        var name = option.Split(' ')[0];
        var words = cmdline.Split(' ').ToList();
        var at = words.IndexOf(name);
        if (at >= 0) words.RemoveRange(at, 2);
        return string.Join(' ', words) + " " + option;
    }

    [Fact]
    public void An_upgrade_replans_with_the_hosts_new_QEMU()
    {
        var inv = InventoryLoader.Parse(new StringReader(Yaml), "fleet.yaml");
        var hosts = FleetHosts.Resolve(inv, KnowledgeBase.Default, new Dictionary<string, string> { ["p-72"] = "qemu-10.0.13" });
        var plan = new FleetPlanner(new Predictor()) { Suggest = false }.Plan(inv, hosts);
        var web = plan.Vms.Single(v => v.Name == "web");
        var check = new Predictor().Predict(HostSpecParser.Parse("qemu-10.0.13 -machine pseries-7.2 -cpu power9_v2.0 -m 1024"), HostSpecParser.Parse("qemu-10.0.2 -machine pseries-7.2 -cpu power9_v2.0 -m 1024"));
        Assert.Equal("10.0.13", plan.Hosts.Single(h => h.Name == "p-72").Label);
        Assert.Equal(check.Kind, web.Targets.Single(t => t.Host == "p-1002").Verdict.Kind);
        Assert.Throws<ArgumentException>(() => FleetHosts.Resolve(inv, KnowledgeBase.Default, new Dictionary<string, string> { ["nope"] = "qemu-7.2" }));
    }
}
