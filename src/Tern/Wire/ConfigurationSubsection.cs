using System.Buffers.Binary;
using System.Text;

namespace Tern.Wire;

/// <summary>One subsection of the configuration section: its name, version and body bytes as sent.</summary>
/// <param name="Name">The subsection name, e.g. <c>configuration/target-page-bits</c>.</param>
/// <param name="Version">The be32 version id as sent.</param>
/// <param name="Body">The body bytes.</param>
public sealed record ConfigurationSubsection(string Name, uint Version, byte[] Body)
{
    /// <summary>The page bits, for <c>configuration/target-page-bits</c>.</summary>
    public int? TargetPageBits => Name == ConfigurationSection.TargetPageBitsName && Body.Length == 4
        ? (int)BinaryPrimitives.ReadUInt32BigEndian(Body)
        : null;

    /// <summary>The capability names, for <c>configuration/capabilities</c> (be32 count, then counted strings).</summary>
    public IReadOnlyList<string>? Capabilities
    {
        get
        {
            if (Name != ConfigurationSection.CapabilitiesName || Body.Length < 4) return null;
            var count = BinaryPrimitives.ReadUInt32BigEndian(Body);
            var list = new List<string>();
            var pos = 4;
            for (var i = 0u; i < count && pos < Body.Length; i++)
            {
                int len = Body[pos++];
                if (pos + len > Body.Length) break;
                list.Add(Encoding.UTF8.GetString(Body, pos, len));
                pos += len;
            }
            return list;
        }
    }

    /// <summary>The UUID, for <c>configuration/uuid</c> (16 raw bytes in RFC 4122 order).</summary>
    public Guid? Uuid => Name == ConfigurationSection.UuidName && Body.Length == 16
        ? new Guid(Body, bigEndian: true)
        : null;
}
