using System.Text.Json;
using Tern.Knowledge;
using Tern.Platforms;
using Tern.Platforms.Machines;
using Tern.Targets.Ppc64;
using Tern.Tests.Support;

namespace Tern.Tests.Targets;

public sealed class SpaprCapsTests
{
    /// <summary>Rows of tests/fixtures/vmstate/machine-props.jsonl: cap values real QEMU reported per version × machine.</summary>
    public static TheoryData<string, string> RealCapDefaults()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Fixtures.VmstatePath("machine-props.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            if (!r.GetProperty("machine").GetString()!.StartsWith("pseries", StringComparison.Ordinal)) continue;
            var v = r.GetProperty("version");
            var label = $"{v.GetProperty("major").GetInt32()}.{v.GetProperty("minor").GetInt32()}" + (v.GetProperty("micro").GetInt32() > 0 ? $".{v.GetProperty("micro").GetInt32()}" : "");
            data.Add(label, line);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RealCapDefaults))]
    public void Default_levels_after_the_CPU_clamp_match_what_real_QEMU_reports(string qemu, string row)
    {
        using var doc = JsonDocument.Parse(row);
        var r = doc.RootElement;
        var machine = MachineType.TryParse(r.GetProperty("machine").GetString())!.Value;
        var cpuType = r.GetProperty("cpu0_type").GetString()!.Replace("-powerpc64-cpu", "", StringComparison.Ordinal);
        var profile = KnowledgeBase.Default.Find(qemu)!;
        var pvr = profile.For(Architecture.Ppc64)!.CpuModels[cpuType];
        var defaults = SpaprCaps.Defaults(profile.Version, machine, Pvr.FamilyOf(pvr), null, Accelerator.Tcg);
        foreach (var p in r.EnumerateObject().Where(p => p.Name.StartsWith("cap-", StringComparison.Ordinal)))
        {
            var cap = SpaprCaps.ByName(p.Name)!;
            var expected = p.Value.ValueKind switch
            {
                JsonValueKind.True => 1,
                JsonValueKind.False => 0,
                JsonValueKind.Number => System.Numerics.BitOperations.Log2(p.Value.GetUInt64()),
                _ => cap.ParseLevel(p.Value.GetString()!),
            };
            Assert.True(expected == defaults[cap.Id], $"{qemu} {machine} {cpuType} {p.Name}: real {expected}, Tern {defaults[cap.Id]}");
        }
    }

    [Theory]
    [InlineData("cap-htm", "on", 1)]
    [InlineData("cap-cfpc", "workaround", 1)]
    [InlineData("cap-ibs", "fixed-na", 4)]
    [InlineData("cap-hpt-max-page-size", "16M", 24)]
    [InlineData("cap-hpt-max-page-size", "64k", 16)]
    public void Command_line_values_map_to_the_levels_QEMU_stores(string cap, string value, int level) =>
        Assert.Equal(level, SpaprCaps.ByName(cap)!.ParseLevel(value));

    [Fact]
    public void Invalid_values_use_QEMUs_message()
    {
        var e = Assert.Throws<FormatException>(() => SpaprCaps.ByName("cap-cfpc")!.ParseLevel("maybe"));
        Assert.Equal("Invalid capability mode \"maybe\" for cap-cfpc", e.Message);
        Assert.Equal("cap-hpt-max-page-size must be a power of 2", Assert.Throws<FormatException>(() => SpaprCaps.ByName("cap-hpt-max-page-size")!.ParseLevel("48k")).Message);
    }

    [Fact]
    public void Hpt_max_page_size_is_always_sent_for_pseries_4_1_and_later_between_4_1_and_10_1()
    {
        var cap = SpaprCaps.ByName("cap-hpt-max-page-size")!;
        Assert.True(SpaprCaps.Sent(new QemuVersion(7, 2, 0), new MachineType("pseries", 7, 2, null), cap, 16, 16, false));
        Assert.False(SpaprCaps.Sent(new QemuVersion(7, 2, 0), new MachineType("pseries", 4, 0, null), cap, 16, 16, false));
        Assert.False(SpaprCaps.Sent(new QemuVersion(4, 0, 0), new MachineType("pseries", 4, 0, null), cap, 16, 16, false));
    }
}
