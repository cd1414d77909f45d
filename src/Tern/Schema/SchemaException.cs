namespace Tern.Schema;

/// <summary>
/// A schema file that cannot be read: not JSON, or JSON of the wrong shape. The message names the file and the JSON
/// path of the problem. Derives from <see cref="FormatException"/> so callers that map format errors keep working.
/// </summary>
public sealed class SchemaException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="origin">The file (or other label) the schema came from.</param>
    /// <param name="jsonPath">The JSON path of the problem (e.g. <c>$["cpu"].Description.Fields[3]</c>), or null.</param>
    /// <param name="reason">What is wrong.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public SchemaException(string origin, string? jsonPath, string reason, Exception? inner = null)
        : base(Compose(origin, jsonPath, reason), inner)
    {
        Origin = origin;
        JsonPath = jsonPath;
        Reason = reason;
    }

    /// <summary>The file (or other label) the schema came from.</summary>
    public string Origin { get; }

    /// <summary>The JSON path of the problem, when there is one.</summary>
    public string? JsonPath { get; }

    /// <summary>What is wrong, without the file and path.</summary>
    public string Reason { get; }

    private static string Compose(string origin, string? jsonPath, string reason) =>
        jsonPath is null ? $"{origin}: {reason}" : $"{origin}: at {jsonPath}: {reason}";
}
