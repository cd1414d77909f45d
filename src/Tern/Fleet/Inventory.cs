namespace Tern.Fleet;

/// <summary>A fleet: hosts and the VMs running on them (docs/plan.md, read by <see cref="InventoryLoader"/>).</summary>
public sealed record Inventory
{
    /// <summary>The file it was read from (for messages).</summary>
    public string File { get; init; } = "inventory";
    /// <summary>The hosts, in file order.</summary>
    public required IReadOnlyList<InventoryHost> Hosts { get; init; }
    /// <summary>The VMs, in file order.</summary>
    public required IReadOnlyList<InventoryVm> Vms { get; init; }
}
