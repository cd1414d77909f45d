using Tern.Decode;
using Tern.Predict;
using Tern.Rules;

namespace Tern.Targets.Aarch64;

/// <summary>
/// target/arm/machine.c <c>cpu_post_load</c> and target/arm/helper.c <c>write_list_to_cpustate</c>: a register in the
/// stream that the destination does not have fails the load (the walk stops at the destination's last index, so
/// extra registers sorting after it go unnoticed); a read-only identification register whose incoming value differs
/// fails the TCG read-back. Both return -1 → "Operation not permitted".
/// </summary>
public static class ArmCpuLoad
{
    /// <summary>Findings for the incoming ARM <c>cpu</c> section, against the destination's own <c>cpu</c> section.</summary>
    public static IEnumerable<Finding> Check(DeviceSection incoming, DeviceSection local, ResolvedHost d, QemuMessages m)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(m);
        var src = Registers(incoming.Body);
        var dst = Registers(local.Body);
        if (src.Count == 0 || dst.Count == 0) yield break;
        // Which cpu_post_load the destination has shows in its own description: the old one declares the list length
        // VMSTATE_INT32_POSITIVE_LE and walks both sorted lists (an unknown register fails, unless it sorts after our
        // last); the newer one (plain int32) matches each incoming register by id and names the first it lacks.
        var matchesById = local.Body.Elements("cpreg_vmstate_array_len").FirstOrDefault()?.Description.Type == "int32";
        var lastLocal = dst.Keys.Max();
        var extra = src.Keys.Where(k => !dst.ContainsKey(k) && (matchesById || k <= lastLocal)).Select(k => new CpRegIndex(k)).ToList();
        var differing = src.Where(kv => dst.TryGetValue(kv.Key, out var v) && v != kv.Value && new CpRegIndex(kv.Key).IsReadOnlyIdentification)
            .Select(kv => (Reg: new CpRegIndex(kv.Key), Src: kv.Value, Dst: dst[kv.Key])).ToList();
        // target/arm/machine.c vmstate_arm_cpu: minimum_version_id = version_id; cpu_post_load returns -1.
        var lines = m.PostLoadRefused(incoming.InstanceId, "cpu", local.Version, local.Version, -1, "Operation not permitted");
        if (extra.Count > 0)
        {
            var names = string.Join(", ", extra.Take(6).Select(r => r.ToString()));
            var qemuLines = matchesById
                ? m.PostLoadRefused(incoming.InstanceId, "cpu", local.Version, local.Version, -1, "Operation not permitted",
                    $"handle_cpreg_only_in_incoming_stream: system register 0x{extra[0].CpregId:x} in the incoming stream but unknown on the destination: fail migration")
                : lines;
            yield return Loader.Fatal(CpregReadBackRule.UnknownCode,
                $"the stream carries {extra.Count} coprocessor register(s) the destination CPU {d.Cpu} in QEMU {d.Profile.Label} does not have: {names}{(extra.Count > 6 ? ", …" : "")}",
                qemuLines, matchesById
                    ? "target/arm/machine.c cpu_post_load → handle_cpreg_only_in_incoming_stream (QEMU 11.x: registers matched by id; one the destination lacks fails unless tolerated)"
                    : "target/arm/machine.c cpu_post_load (register in the incoming list but not ours → -1)",
                new Evidence { Section = "cpu", Field = extra[0].Name, SourceValue = $"0x{extra[0].Value:x16}", Offset = incoming.Offset },
                "cross-version TCG migration of ARM CPUs breaks whenever QEMU changes a CPU's register list; keep both ends on the same QEMU version");
        }
        if (differing.Count > 0)
        {
            var first = differing[0];
            yield return Loader.Fatal(CpregReadBackRule.Code,
                $"{differing.Count} read-only register(s) differ and fail the read-back check, e.g. {first.Reg.Name}: stream 0x{first.Src:x}, destination 0x{first.Dst:x}"
                + (differing.Count > 1 ? $" (also {string.Join(", ", differing.Skip(1).Take(5).Select(x => x.Reg.Name))})" : ""),
                lines, "target/arm/helper.c write_list_to_cpustate (write, read back, compare) via cpu_post_load",
                new Evidence { Section = "cpu", Field = first.Reg.Name, SourceValue = $"0x{first.Src:x}", DestinationValue = $"0x{first.Dst:x}", Offset = incoming.Offset },
                d.Cpu == "max" ? "the 'max' CPU changes with every QEMU release: use a named CPU model (e.g. neoverse-n1) on both ends, and the same QEMU version" : "the CPU model's ID registers changed between these QEMU versions; keep both ends on the same QEMU version");
        }
    }

    private static Dictionary<ulong, ulong> Registers(VmsdValue cpu)
    {
        var idx = cpu.Integers("cpreg_vmstate_indexes").ToList();
        var val = cpu.Integers("cpreg_vmstate_values").ToList();
        var d = new Dictionary<ulong, ulong>();
        for (var i = 0; i < Math.Min(idx.Count, val.Count); i++) d[idx[i]] = val[i];
        return d;
    }
}
