using System.IO.Compression;
using Tern.Platforms;

namespace Tern.Knowledge;

/// <summary>A real stream without its RAM pages, with the configuration that produced it.</summary>
/// <param name="Name">The template's file name.</param>
/// <param name="Source">The QEMU version and options of the QEMU that wrote it.</param>
/// <param name="Origin">Where the stream came from (a fixture, a lab run).</param>
public sealed record StreamTemplate(string Name, HostSpec Source, string Origin)
{
    /// <summary>The vmdesc of the template (what each device sent), without decoding the device bodies.</summary>
    public Wire.VmDescription ReadVmDescription()
    {
        var bytes = ReadBytes();
        var at = Wire.VmDescriptionLocator.FindTrailer(bytes);
        if (at < 0) throw new InvalidDataException($"template {Name} has no vmdesc trailer");
        return Wire.VmDescription.Parse(bytes.AsSpan(at + 5));
    }

    /// <summary>The template's stream bytes.</summary>
    public byte[] ReadBytes()
    {
        using var gz = new GZipStream(KnowledgeBase.OpenData("templates/" + Name), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }
}
