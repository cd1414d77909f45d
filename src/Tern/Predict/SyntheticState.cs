using System.Buffers.Binary;
using Tern.Decode;
using Tern.Platforms;
using Tern.Wire;
using Tern.Vmstate;

namespace Tern.Predict;

/// <summary>
/// A minimal device state for QEMU versions no real stream exists of (releases before Debian's oldest suite): only
/// the sections Tern's semantic rules read — the POWER <c>cpu</c> (PVR in env.spr, cpu/compat) and <c>spapr</c> (caps),
/// or the ARM <c>cpu</c> cpreg arrays from hand-entered register values. Generic section/subsection checks cannot
/// be made from it, and the verdict's notes say so.
/// </summary>
public static class SyntheticState
{
    /// <summary>The state, or null when even the hand-entered facts are missing.</summary>
    public static StreamModel? For(ResolvedHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Architecture == Architecture.Ppc64)
        {
            var spr = VmsdField.Described("env.spr", "uint64", 8, 1024, null, null);
            var sprRaw = new byte[8 * 1024];
            var cpuDesc = Vmsd.Described("cpu", 5, [spr], []);
            var cpu = new VmsdValue("cpu", 5, [new FieldValue("env.spr", spr, 0, FieldKind.Integer, sprRaw, null) { Count = 1024 }], []);
            var tb = VmsdField.Described("tb", "buffer", 16, null, null, null);
            var spaprDesc = Vmsd.Described("spapr", 3, [tb], []);
            var spapr = new VmsdValue("spapr", 3, [new FieldValue("tb", tb, null, FieldKind.Bytes, new byte[16], null)], []);
            return new StreamModel
            {
                Configuration = new ConfigurationSection(host.Machine),
                RamBlocks = [new RamBlockInfo("ppc_spapr.ram", host.Spec.MemoryBytes)],
                Devices =
                [
                    new DeviceSection("cpu", 0, 5, new VmDescriptionDevice("cpu", 0, cpuDesc, null), cpu),
                    new DeviceSection("spapr", 0, 3, new VmDescriptionDevice("spapr", 0, spaprDesc, null), spapr),
                ],
            };
        }
        var facts = host.Profile.For(Architecture.Aarch64);
        if (facts is null || !facts.KnownCpregs.TryGetValue(host.Cpu, out var regs)) return null;
        var sorted = regs.OrderBy(r => r.Key).ToList();
        var n = sorted.Count;
        var lenField = VmsdField.Described("cpreg_vmstate_array_len", "int32 le", 4, null, null, null);
        var idxField = VmsdField.Described("cpreg_vmstate_indexes", "uint64", 8, n, null, null);
        var valField = VmsdField.Described("cpreg_vmstate_values", "uint64", 8, n, null, null);
        var lenRaw = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(lenRaw, n);
        var idxRaw = new byte[8 * n];
        var valRaw = new byte[8 * n];
        for (var i = 0; i < n; i++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(idxRaw.AsSpan(8 * i), sorted[i].Key);
            BinaryPrimitives.WriteUInt64BigEndian(valRaw.AsSpan(8 * i), sorted[i].Value);
        }
        var armDesc = Vmsd.Described("cpu", 22, [lenField, idxField, valField], []);
        var armCpu = new VmsdValue("cpu", 22,
        [
            new FieldValue(lenField.Name, lenField, null, FieldKind.Integer, lenRaw, null),
            new FieldValue(idxField.Name, idxField, 0, FieldKind.Integer, idxRaw, null) { Count = n },
            new FieldValue(valField.Name, valField, 0, FieldKind.Integer, valRaw, null) { Count = n },
        ], []);
        return new StreamModel
        {
            Configuration = new ConfigurationSection(host.Machine),
            RamBlocks = [new RamBlockInfo("mach-virt.ram", host.Spec.MemoryBytes)],
            Devices = [new DeviceSection("cpu", 0, 22, new VmDescriptionDevice("cpu", 0, armDesc, null), armCpu)],
        };
    }
}
