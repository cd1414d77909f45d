using Tern.Tests.Support;
using Tern.Wire;

namespace Tern.Tests.Wire;

// Units cut from real QEMU 7.2 / 10.0.13 streams (tests/fixtures/streams); expected values come from the format
// (docs: migration-stream spec, migration/savevm.c) and from how the fixtures were made (tests/fixtures/README.md).
public sealed class RecordHeaderParserTests
{
    private static readonly byte[] Virt = Fixtures.StreamBytes("same-7.2-virt-a57");
    private static readonly byte[] Pseries = Fixtures.StreamBytes("same-10.0.13-pseries");

    [Fact]
    public void The_file_header_is_8_bytes_and_asks_for_more_at_every_cut()
    {
        UnitTruncation.AssertNeedsMoreUntilComplete(Virt, 0, 8, b => RecordHeaderParser.TryReadFileHeader(b, out _));
        RecordHeaderParser.TryReadFileHeader(Virt, out var version);
        Assert.Equal(3u, version);
    }

    [Fact]
    public void A_file_header_with_another_magic_is_invalid_with_QEMUs_words()
    {
        var s = RecordHeaderParser.TryReadFileHeader("QEVX\0\0\0\u0003"u8, out _);
        Assert.True(s.IsInvalid);
        Assert.StartsWith("Not a migration stream", s.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_configuration_header_holds_the_machine_type()
    {
        // 0x07, be32 8, "virt-7.2" right after the file header.
        UnitTruncation.AssertNeedsMoreUntilComplete(Virt, 8, 5 + 8, b => RecordHeaderParser.TryReadConfigurationHeader(b, out _));
        RecordHeaderParser.TryReadConfigurationHeader(Virt.AsSpan(8), out var name);
        Assert.Equal("virt-7.2"u8.ToArray(), name);
    }

    [Fact]
    public void The_ram_section_start_is_type_id_idstr_instance_and_version()
    {
        // START: 0x01, be32 id, u8 3, "ram", be32 instance, be32 version = 17 bytes.
        var at = UnitTruncation.Find(Virt, "\u0003ram"u8) - 5;
        UnitTruncation.AssertNeedsMoreUntilComplete(Virt, at, 17, b => RecordHeaderParser.TryReadFullSectionHeader(b, SectionType.Start, out _));
        RecordHeaderParser.TryReadFullSectionHeader(Virt.AsSpan(at), SectionType.Start, out var header);
        Assert.Equal(("ram", 0u, 4u), (header.IdStr, header.InstanceId, header.VersionId));
    }

    [Fact]
    public void A_section_header_with_an_empty_idstr_is_invalid_once_its_length_byte_is_in_view()
    {
        byte[] bytes = [0x04, 0, 0, 0, 9, 0];
        Assert.True(RecordHeaderParser.TryReadFullSectionHeader(bytes.AsSpan(0, 5), SectionType.Full, out _).NeedsMore);
        var s = RecordHeaderParser.TryReadFullSectionHeader(bytes, SectionType.Full, out _);
        Assert.True(s.IsInvalid);
        Assert.Equal("Unable to read ID string for section 9: zero length", s.Message);
    }

    [Fact]
    public void The_htab_section_footer_names_its_section()
    {
        // pseries: the spapr/htab FULL section (header 0x15, the HPT shift) is followed by its footer 0x7e + its id.
        var start = UnitTruncation.Find(Pseries, "\u000aspapr/htab"u8) - 5;
        RecordHeaderParser.TryReadFullSectionHeader(Pseries.AsSpan(start), SectionType.Full, out var htab);
        var footer = start + 6 + 10 + 8 + 4;
        UnitTruncation.AssertNeedsMoreUntilComplete(Pseries, footer, 5, b => RecordHeaderParser.TryReadFooter(b, htab, out _));
        var other = htab with { SectionId = htab.SectionId + 1 };
        var s = RecordHeaderParser.TryReadFooter(Pseries.AsSpan(footer), other, out _);
        Assert.True(s.IsInvalid);
        Assert.StartsWith("Mismatched section id in footer for spapr/htab", s.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_vmdesc_header_after_EOF_gives_the_length_of_the_JSON_to_the_end()
    {
        var at = VmDescriptionLocator.FindTrailer(Virt);
        UnitTruncation.AssertNeedsMoreUntilComplete(Virt, at, 5, b => RecordHeaderParser.TryReadVmDescriptionHeader(b, 1 << 20, out _));
        RecordHeaderParser.TryReadVmDescriptionHeader(Virt.AsSpan(at), 1 << 20, out var length);
        Assert.Equal(Virt.Length - at - 5, (int)length);
        Assert.True(RecordHeaderParser.TryReadVmDescriptionHeader(Virt.AsSpan(at), 16, out _).IsInvalid);
    }
}
