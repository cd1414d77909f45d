using System.Globalization;
using System.Text;
using Tern.Platforms;

namespace Tern.Predict;

/// <summary>
/// A canonical text of everything in a <see cref="HostSpec"/> that a prediction reads (not the options it lists as
/// ignored): two specs with the same key resolve, simulate and load identically, so their results can be shared.
/// </summary>
public static class HostSpecKey
{
    /// <summary>The key of <paramref name="spec"/>.</summary>
    public static string Of(HostSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var b = new StringBuilder(128);
        b.Append(spec.Qemu).Append('\u001f').Append(spec.Machine).Append('\u001f');
        Append(b, spec.MachineProperties);
        b.Append(spec.Cpu).Append('\u001f');
        Append(b, spec.CpuProperties);
        b.Append(spec.Accelerator).Append('\u001f')
            .Append(spec.MemoryBytes.ToString(CultureInfo.InvariantCulture)).Append('\u001f')
            .Append(spec.Cpus.ToString(CultureInfo.InvariantCulture)).Append('\u001f');
        Append(b, spec.HostFacts);
        // Devices, backends and the vCPU topology: a captured configuration's state depends on all of them.
        b.Append(spec.Topology).Append('\u001f');
        foreach (var option in spec.Unmodelled) b.Append(option).Append('\u001e');
        return b.ToString();
    }

    // In the order given: an order that differs only makes a second cache entry, never a wrong answer.
    private static void Append(StringBuilder b, IReadOnlyDictionary<string, string> properties)
    {
        foreach (var (k, v) in properties) b.Append(k).Append('=').Append(v).Append('\u001e');
        b.Append('\u001f');
    }
}
