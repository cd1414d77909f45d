namespace Tern.Fleet;

/// <summary>One VM of an inventory: where it runs and its QEMU options.</summary>
public sealed record InventoryVm
{
    /// <summary>The VM's name, unique in the inventory.</summary>
    public required string Name { get; init; }
    /// <summary>The host it runs on now (a name from the inventory's hosts).</summary>
    public required string Host { get; init; }
    /// <summary>The options as one string (<c>cmdline:</c>), read as <c>tern check</c> reads a spec; null when <see cref="Arguments"/> came from a file.</summary>
    public string? Cmdline { get; init; }
    /// <summary>The options read from <c>cmdline-file:</c> (<see cref="Platforms.CommandLineFile"/>), or null.</summary>
    public IReadOnlyList<string>? Arguments { get; init; }
    /// <summary>The QEMU program named in the command-line file, or null.</summary>
    public string? Program { get; init; }
    /// <summary>The line of the VM's entry (1-based).</summary>
    public long Line { get; init; }
}
