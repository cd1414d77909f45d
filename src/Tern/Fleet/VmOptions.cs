using Tern.Platforms;
using Tern.Predict;

namespace Tern.Fleet;

/// <summary>A VM's options as a host spec without a host (label <c>0.0</c>, no facts), and the key of its equivalence class.</summary>
public static class VmOptions
{
    /// <summary>The VM's options parsed exactly as <c>tern check</c> parses a spec.</summary>
    public static HostSpec Of(InventoryVm vm)
    {
        ArgumentNullException.ThrowIfNull(vm);
        return vm.Cmdline is { } text ? HostSpecParser.Parse("0.0 " + text) : HostSpecParser.FromArguments("0.0", vm.Arguments ?? []);
    }

    /// <summary>
    /// The migration-relevant configuration: everything a prediction reads (<see cref="HostSpecKey"/>), the vCPU
    /// topology and the unmodelled options (they make verdicts undecidable and are named in them). VMs with the same
    /// key get the same verdicts between the same hosts.
    /// </summary>
    public static string ClassKey(HostSpec options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return HostSpecKey.Of(options) + "\u001d" + options.Topology + "\u001d" + string.Join("\u001e", options.Unmodelled);
    }
}
