using System.Runtime.ExceptionServices;
using Tern.Knowledge.Profiles;
using Tern.Schema;

namespace Tern.Fuzz.Targets;

/// <summary>
/// A host profile file (gzip or plain JSON), as <c>tern check --profiles</c> loads one: <see cref="HostProfileFile.Read(string)"/>,
/// <see cref="ProfileKnowledge.ToQemuProfile"/> with its lazy parts forced (every template's bytes, the subsections of
/// the dump), and <see cref="HostProfileFile.ReadHeader(string)"/>.
/// </summary>
public sealed class ProfileTarget : IFuzzTarget
{
    private const string File = "fuzz-input.tern-profile.json.gz";

    /// <inheritdoc/>
    public string Name => "profile";

    /// <inheritdoc/>
    public string Description => "host profile file: HostProfileFile.Read/ReadHeader, ProfileKnowledge with templates and dump decoded";

    /// <inheritdoc/>
    public void Execute(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // A refusal of the full read is kept until the header has been read too (a search reads only headers);
        // anything else escapes at once.
        ExceptionDispatchInfo? refused = null;
        try
        {
            var profile = HostProfileFile.Read(input, File);
            var knowledge = ProfileKnowledge.ToQemuProfile([(profile, File)]);
            foreach (var template in knowledge.Templates) template.ReadBytes();
            foreach (var arch in knowledge.Arches.Values) arch.Registered?.Invoke();
        }
        catch (Exception e) when (IsOwnError(e))
        {
            refused = ExceptionDispatchInfo.Capture(e);
        }
        HostProfileFile.ReadHeader(input, File);
        refused?.Throw();
    }

    /// <inheritdoc/>
    // A bad profile is a ProfileFormatException naming the file and the field; a bad -dump-vmstate inside one is the
    // dump loader's SchemaException (which names the file and the dump). Nothing else.
    public bool IsOwnError(Exception error) => error is ProfileFormatException or SchemaException;
}
