using System.Text;
using Tern.Platforms;

namespace Tern.Fuzz.Targets;

/// <summary>
/// The host spec parser (<c>tern check --destination SPEC --destination-host FACTS</c>): the first line of the input is
/// the spec, the rest the host facts.
/// </summary>
public sealed class HostSpecTarget : IFuzzTarget
{
    /// <inheritdoc/>
    public string Name => "hostspec";

    /// <inheritdoc/>
    public string Description => "host/command-line spec parser (line 1: spec, line 2: host facts)";

    /// <inheritdoc/>
    public void Execute(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // Command lines arrive as .NET strings: invalid UTF-8 has already become U+FFFD by then.
        var text = Encoding.UTF8.GetString(input);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        var spec = newline < 0 ? text : text[..newline];
        var facts = newline < 0 ? null : text[(newline + 1)..];
        HostSpecParser.Parse(spec, facts);
    }

    /// <inheritdoc/>
    // The parser refuses with FormatException and a message for the user; a derived or other type is a bug.
    public bool IsOwnError(Exception error) => error.GetType() == typeof(FormatException);
}
