namespace Tern.Knowledge.Profiles;

/// <summary>
/// A profile file that cannot be used: not a profile, truncated, of a newer format, or with a field of the wrong
/// shape. The message names the file and the field (JSON path). Derives from <see cref="FormatException"/>, which the
/// CLI reports as one line with exit 3.
/// </summary>
public sealed class ProfileFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The profile file.</param>
    /// <param name="field">The JSON path of the problem, or null.</param>
    /// <param name="reason">What is wrong.</param>
    /// <param name="inner">The underlying exception.</param>
    public ProfileFormatException(string file, string? field, string reason, Exception? inner = null)
        : base(field is null ? $"{file}: {reason}" : $"{file}: field {field}: {reason}", inner)
    {
        File = file;
        Field = field;
    }

    /// <summary>The profile file.</summary>
    public string File { get; }

    /// <summary>The JSON path of the problem, when there is one.</summary>
    public string? Field { get; }
}
