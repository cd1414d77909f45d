using System.Buffers.Binary;
using Tern.Decode;
using Tern.Platforms;
using Tern.Predict;
using Tern.Vmstate;
using Tern.Wire;

namespace Tern.Targets.Aarch64;

/// <summary>
/// A virt state for QEMU versions no real stream exists of: only the <c>cpu</c> section's cpreg arrays, from the
/// hand-entered register values of the CPU model, which the ARM read-back rules read.
/// </summary>
internal static class ArmSyntheticState
{
    /// <summary>The minimal state of <paramref name="host"/>, or null when its CPU model's registers were never entered.</summary>
    public static StreamModel? For(ResolvedHost host)
    {
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
            RamBlocks = [new RamBlockInfo(Aarch64Target.MainRam, host.Spec.MemoryBytes)],
            Devices = [new DeviceSection("cpu", 0, 22, new VmDescriptionDevice("cpu", 0, armDesc, null), armCpu)],
        };
    }
}
