using System.Text;
using Tern.Decode;
using Tern.Schema;
using Tern.Wire;
using Tern.Vmstate;

namespace Tern.Tests.Decode;

/// <summary>Descriptions from another machine's vmdesc or dump that would make the decoder or framer loop, overflow or allocate without end.</summary>
public sealed class HostileDescriptionTests
{
    private static Vmsd Vmsd(params VmsdField[] fields) => Tern.Vmstate.Vmsd.Described("dev", 1, fields, []);

    [Fact]
    public void An_array_of_two_billion_empty_structs_is_refused_before_any_element_is_decoded()
    {
        // Given a vmdesc field of int.MaxValue struct elements of 0 bytes (the body can never run out)
        var field = VmsdField.Described("s", "struct", 0, int.MaxValue, null, Vmsd());

        // When decoded against an empty body, it is refused at once (before: 2^31 decoded values)
        var e = Assert.Throws<VmStateDecodeException>(() => VmStateDecoder.Decode(Vmsd(field), ReadOnlyMemory<byte>.Empty, 100, "dev", out _));
        Assert.Equal("dev.s", e.Path);
        Assert.Equal(100, e.Offset);
    }

    [Fact]
    public void The_checks_without_values_refuse_two_billion_empty_elements_as_the_decoder_does()
    {
        // The pass inspect --json makes before it writes a body (before, it walked every element, then wrote each)
        var field = VmsdField.Described("hostile", "buffer", 0, 2_000_000_000, null, null);

        var e = Assert.Throws<VmStateDecodeException>(() => BodyChecks.Validate(Vmsd(field), [], 100, "dev"));
        var d = Assert.Throws<VmStateDecodeException>(() => VmStateDecoder.Decode(Vmsd(field), ReadOnlyMemory<byte>.Empty, 100, "dev", out _));

        Assert.Equal(("dev.hostile", 100L), (e.Path, e.Offset));
        Assert.Equal((d.Path, d.Offset, d.Message), (e.Path, e.Offset, e.Message));
    }

    [Fact]
    public void An_array_of_empty_structs_within_the_bound_still_decodes()
    {
        var field = VmsdField.Described("s", "struct", 0, VmStateDecoder.MaxEmptyElements, null, Vmsd());
        var value = VmStateDecoder.Decode(Vmsd(field), ReadOnlyMemory<byte>.Empty, 0, "dev", out var consumed);
        Assert.Equal(0, consumed);
        Assert.Equal(VmStateDecoder.MaxEmptyElements, value.Fields.Count);
    }

    [Fact]
    public void A_leaf_array_whose_byte_count_overflows_is_refused_not_sliced()
    {
        // 2^62 bytes × 4 elements is 2^64: it wraps to 0 in 64-bit arithmetic
        var field = VmsdField.Described("a", "uint32", 1L << 62, 4, null, null);
        var e = Assert.Throws<VmStateDecodeException>(() => VmStateDecoder.Decode(Vmsd(field), new byte[8], 0, "dev", out _));
        Assert.Contains("needs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vmdesc_whose_body_length_overflows_is_refused_when_parsed_with_its_path()
    {
        // The reader frames sections with this length; before, the checked sum threw OverflowException there
        var json = """{"page_size":4096,"devices":[{"name":"dev","instance_id":0,"vmsd_name":"dev","version":1,"fields":[{"name":"a","type":"buffer","size":4611686018427387904,"array_len":4}]}]}""";
        var e = Assert.Throws<FormatException>(() => VmDescription.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Contains("$.devices[0] describes a body of more than 2^63 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dump_field_whose_size_times_num_wraps_does_not_frame_a_body()
    {
        // Given a dump whose field has size 2^62 + 1 and num 4: the product wraps to 4 bytes
        var dump = """{"vmschkmachine":{"Name":"m"},"dev":{"Name":"dev","version_id":1,"minimum_version_id":1,"Description":{"name":"dev","version_id":1,"minimum_version_id":1,"Fields":[{"field":"a","version_id":0,"field_exists":false,"size":4611686018427387905,"num":4}],"Subsections":[]}}}""";
        var framer = new SchemaBodyFramer(VmstateDumpLoader.Parse(Encoding.UTF8.GetBytes(dump), "d.json")) { AllowFooterScan = false };

        // When it frames a 4-byte body followed by the section footer
        byte[] body = [1, 2, 3, 4, (byte)SectionType.Footer, 0, 0, 0, 7, 0];
        var length = framer.GetBodyLength(new SectionHeader(SectionType.Full, 7, "dev", 0, 1), body);

        // Then it refuses (before, it framed 4 bytes as 2^64)
        Assert.Equal(-1, length);
    }
}
