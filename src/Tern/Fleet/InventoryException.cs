namespace Tern.Fleet;

/// <summary>A bad inventory: the message names the file, the line and the key (<c>fleet.yaml:12: vms[3].host: …</c>).</summary>
public sealed class InventoryException : FormatException
{
    /// <summary>Creates the exception; <paramref name="line"/> is 1-based, 0 when the whole file is meant.</summary>
    public InventoryException(string file, long line, string key, string problem)
        : base(line > 0 ? $"{file}:{line}: {key}: {problem}" : $"{file}: {key}: {problem}")
    {
        File = file;
        Line = line;
        Key = key;
        Problem = problem;
    }

    /// <summary>Creates the exception without a location (for serializers' sake).</summary>
    public InventoryException() : this("inventory", 0, "inventory", "invalid") { }

    /// <summary>Creates the exception without a location.</summary>
    public InventoryException(string message) : this("inventory", 0, "inventory", message) { }

    /// <summary>Creates the exception without a location, wrapping another.</summary>
    public InventoryException(string message, Exception innerException) : base(message, innerException)
    {
        File = "inventory";
        Key = "inventory";
        Problem = message;
    }

    /// <summary>The inventory file.</summary>
    public string File { get; }
    /// <summary>The 1-based line, or 0.</summary>
    public long Line { get; }
    /// <summary>The key path, e.g. <c>hosts[2].qemu</c>.</summary>
    public string Key { get; }
    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
