using Tern.Decode;
using Tern.Predict;
using Tern.Vmstate;
using Tern.Wire;

namespace Tern.Targets.Ppc64;

/// <summary>
/// A pseries state for QEMU versions no real stream exists of: only the <c>cpu</c> section (PVR in env.spr, where
/// cpu/compat is edited in) and the <c>spapr</c> section (where the cap subsections are edited in), which the POWER
/// rules read.
/// </summary>
internal static class PpcSyntheticState
{
    /// <summary>The minimal state of <paramref name="host"/>, before its source edits.</summary>
    public static StreamModel For(ResolvedHost host)
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
            RamBlocks = [new RamBlockInfo(Ppc64Target.MainRam, host.Spec.MemoryBytes)],
            Devices =
            [
                new DeviceSection("cpu", 0, 5, new VmDescriptionDevice("cpu", 0, cpuDesc, null), cpu),
                new DeviceSection("spapr", 0, 3, new VmDescriptionDevice("spapr", 0, spaprDesc, null), spapr),
            ],
        };
    }
}
