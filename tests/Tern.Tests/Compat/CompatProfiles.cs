using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Lab.Compat;

namespace Tern.Tests.Compat;

/// <summary>The embedded (measured) profiles as compat builds: real data, no lab needed.</summary>
internal static class CompatProfiles
{
    public static HostProfile Read(string label, string arch)
    {
        using var s = KnowledgeBase.OpenData($"profiles/{label}-{arch}.tern-profile.json.gz");
        return HostProfileFile.Read(s, "embedded " + label);
    }

    public static CompatBuild Build(string label, string arch) => new(label, Read(label, arch), "embedded " + label);
}
