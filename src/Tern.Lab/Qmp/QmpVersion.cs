namespace Tern.Lab.Qmp;

/// <summary>The answer to <c>query-version</c> (also in the greeting).</summary>
/// <param name="Major">Major version.</param>
/// <param name="Minor">Minor version.</param>
/// <param name="Micro">Micro version.</param>
/// <param name="Package">The package string (Debian's version for Debian builds).</param>
public sealed record QmpVersion(int Major, int Minor, int Micro, string Package)
{
    /// <inheritdoc />
    public override string ToString() => Package.Length == 0 ? $"{Major}.{Minor}.{Micro}" : $"{Major}.{Minor}.{Micro} ({Package.Trim()})";
}
