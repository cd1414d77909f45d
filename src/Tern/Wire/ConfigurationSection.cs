using System.Text;

namespace Tern.Wire;

/// <summary>
/// The configuration section (QEMU_VM_CONFIGURATION, migration/savevm.c <c>vmstate_configuration</c>):
/// the machine type name and the subsections QEMU 2.8+ may add after it.
/// </summary>
public sealed class ConfigurationSection
{
    /// <summary>Subsection name carrying TARGET_PAGE_BITS (2.8+, sent when bits exceed the target's legacy bits).</summary>
    public const string TargetPageBitsName = "configuration/target-page-bits";
    /// <summary>Subsection name carrying the validated migration capabilities (4.0+).</summary>
    public const string CapabilitiesName = "configuration/capabilities";
    /// <summary>Subsection name carrying the VM's UUID (4.2+, with validate-uuid).</summary>
    public const string UuidName = "configuration/uuid";

    /// <summary>Creates a configuration section.</summary>
    public ConfigurationSection(byte[] machineName, IReadOnlyList<ConfigurationSubsection> subsections)
    {
        MachineNameBytes = machineName;
        Subsections = subsections;
    }

    /// <summary>Creates a configuration section from a machine type name and no subsections.</summary>
    public ConfigurationSection(string machineName) : this(Encoding.UTF8.GetBytes(machineName), []) { }

    /// <summary>The machine type name exactly as sent (no NUL).</summary>
    public byte[] MachineNameBytes { get; }

    /// <summary>The machine type name, e.g. <c>pseries-7.2</c>.</summary>
    public string MachineName => Encoding.UTF8.GetString(MachineNameBytes);

    /// <summary>The subsections in wire order.</summary>
    public IReadOnlyList<ConfigurationSubsection> Subsections { get; }

    /// <summary>TARGET_PAGE_BITS from <c>configuration/target-page-bits</c>, when sent.</summary>
    public int? TargetPageBits => Subsections.FirstOrDefault(s => s.Name == TargetPageBitsName)?.TargetPageBits;

    /// <summary>The validated capabilities (e.g. <c>x-ignore-shared</c>, <c>mapped-ram</c>); empty when none were sent.</summary>
    public IReadOnlyList<string> Capabilities =>
        Subsections.FirstOrDefault(s => s.Name == CapabilitiesName)?.Capabilities ?? [];

    /// <summary>The UUID from <c>configuration/uuid</c>, when sent.</summary>
    public Guid? Uuid => Subsections.FirstOrDefault(s => s.Name == UuidName)?.Uuid;

    /// <summary>True when the named capability was sent.</summary>
    public bool HasCapability(string name) => Capabilities.Contains(name, StringComparer.Ordinal);
}
