using System.Buffers.Binary;

namespace Tern.Wire;

/// <summary>
/// The span core for the fixed-layout headers of migration/savevm.c: file header, configuration header, section
/// headers and footers, and the vmdesc trailer header. Each method parses one unit at the start of
/// <c>window</c> and reports it complete, short or invalid (<see cref="ParseStatus"/>); none reads I/O or keeps state.
/// </summary>
internal static class RecordHeaderParser
{
    /// <summary>The file header: be32 magic QEVM, be32 version (which must be 3).</summary>
    public static ParseStatus TryReadFileHeader(ReadOnlySpan<byte> window, out uint version)
    {
        version = 0;
        if (window.Length < 8) return ParseStatus.NeedMore(8, "the 8-byte file header (magic QEVM, version)");
        var magic = BinaryPrimitives.ReadUInt32BigEndian(window);
        if (magic != MigrationStreamReader.FileMagic)
            return ParseStatus.Invalid($"Not a migration stream: magic 0x{magic:x8}, expected 0x{MigrationStreamReader.FileMagic:x8} (\"QEVM\")");
        var v = BinaryPrimitives.ReadUInt32BigEndian(window[4..]);
        if (v == MigrationStreamReader.FileVersionCompat)
            return ParseStatus.Invalid("SaveVM v2 format is obsolete: stream version 2 is not supported (QEMU rejects it too)");
        if (v != MigrationStreamReader.FileVersion)
            return ParseStatus.Invalid($"Unsupported migration stream version {v}, expected {MigrationStreamReader.FileVersion}");
        version = v;
        return ParseStatus.Done(8);
    }

    /// <summary>QEMU_VM_CONFIGURATION, be32 length, the machine type name (its subsections follow as their own units).</summary>
    public static ParseStatus TryReadConfigurationHeader(ReadOnlySpan<byte> window, out byte[] machineName)
    {
        machineName = [];
        if (window.Length < 5) return ParseStatus.NeedMore(5, "the configuration section header");
        var len = BinaryPrimitives.ReadUInt32BigEndian(window[1..]);
        if (len == 0 || len > 4096) return ParseStatus.Invalid($"configuration: machine name length {len} is not between 1 and 4096");
        var total = 5 + (int)len;
        if (window.Length < total) return ParseStatus.NeedMore(total, "the machine type name");
        machineName = window[5..total].ToArray();
        return ParseStatus.Done(total);
    }

    /// <summary>START or FULL: type, be32 section id, u8-counted idstr, be32 instance id, be32 version id.</summary>
    public static ParseStatus TryReadFullSectionHeader(ReadOnlySpan<byte> window, SectionType type, out SectionHeader header)
    {
        header = default;
        if (window.Length < 6) return ParseStatus.NeedMore(6, "a section header");
        var id = BinaryPrimitives.ReadUInt32BigEndian(window[1..]);
        var len = window[5];
        if (len == 0) return ParseStatus.Invalid($"Unable to read ID string for section {id}: zero length");
        var total = 6 + len + 8;
        if (window.Length < total) return ParseStatus.NeedMore(total, "a section header (idstr, instance, version)");
        var idBytes = window.Slice(6, len);
        if (!WireName.TryDecode(idBytes, out var idstr)) return ParseStatus.Invalid(WireName.NotUtf8(idBytes, $"the ID string of section {id}"));
        var instance = BinaryPrimitives.ReadUInt32BigEndian(window.Slice(6 + len, 4));
        var version = BinaryPrimitives.ReadUInt32BigEndian(window.Slice(10 + len, 4));
        header = new SectionHeader(type, id, idstr, instance, version);
        return ParseStatus.Done(total);
    }

    /// <summary>PART or END: type and be32 section id, which the caller resolves against the START it names.</summary>
    public static ParseStatus TryReadShortSectionHeader(ReadOnlySpan<byte> window, out uint sectionId)
    {
        sectionId = 0;
        if (window.Length < 5) return ParseStatus.NeedMore(5, "a section header");
        sectionId = BinaryPrimitives.ReadUInt32BigEndian(window[1..]);
        return ParseStatus.Done(5);
    }

    /// <summary>
    /// A section footer (migration/savevm.c check_section_footer): 0x7e and the be32 id, which must be
    /// <paramref name="section"/>'s.
    /// </summary>
    public static ParseStatus TryReadFooter(ReadOnlySpan<byte> window, in SectionHeader section, out uint sectionId)
    {
        sectionId = 0;
        if (window.Length < 5) return ParseStatus.NeedMore(5, "a section footer");
        var id = BinaryPrimitives.ReadUInt32BigEndian(window[1..]);
        if (id != section.SectionId)
            return ParseStatus.Invalid($"Mismatched section id in footer for {section.IdStr} - read 0x{id:x} expected 0x{section.SectionId:x}");
        sectionId = id;
        return ParseStatus.Done(5);
    }

    /// <summary>The vmdesc trailer header after EOF: 0x06 and the be32 length of the JSON that follows.</summary>
    public static ParseStatus TryReadVmDescriptionHeader(ReadOnlySpan<byte> window, int maxRecordBytes, out uint length)
    {
        length = 0;
        if (window.Length < 5) return ParseStatus.NeedMore(5, "the vmdesc trailer header");
        if (window[0] != (byte)SectionType.VmDescription) return ParseStatus.Invalid($"Expected vmdescription section, but got {window[0]}");
        var len = BinaryPrimitives.ReadUInt32BigEndian(window[1..]);
        if (len > maxRecordBytes) return ParseStatus.Invalid($"vmdesc length {len} exceeds the {maxRecordBytes}-byte limit");
        length = len;
        return ParseStatus.Done(5);
    }

    /// <summary>Why a top-level type byte that starts no record there (any but EOF, START, PART, END, FULL, COMMAND) is refused.</summary>
    public static string MisplacedTopLevel(byte type) => (SectionType)type switch
    {
        SectionType.Configuration => "a second configuration section (0x07): it may only follow the file header",
        SectionType.Subsection => "a subsection marker (0x05) outside any section body",
        SectionType.VmDescription => "a vmdesc trailer (0x06) before EOF",
        SectionType.Footer => "a section footer (0x7e) that follows no section body",
        _ => $"Unknown savevm section type {type}",
    };
}
