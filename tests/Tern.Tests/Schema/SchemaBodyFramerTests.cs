using System.IO.Compression;
using Tern.Decode;
using Tern.Schema;
using Tern.Tests.Support;
using Tern.Wire;

namespace Tern.Tests.Schema;

public sealed class SchemaBodyFramerTests
{
    // A real 10.0.13 stream with its vmdesc trailer cut off, as postcopy or suppress-vmdesc streams come.
    private static readonly byte[] Full = Fixtures.StreamBytes("same-10.0.13-pseries");
    private static readonly byte[] WithoutVmdesc = Full.AsSpan(0, VmDescriptionLocator.FindTrailer(Full)).ToArray();

    private static VmstateSchema Dump()
    {
        using var gz = new GZipStream(File.OpenRead(Fixtures.VmstatePath("qemu-10.0.13-pseries-10.0.json.gz")), CompressionMode.Decompress);
        return SchemaLoader.Load(gz, "qemu-10.0.13-pseries-10.0.json");
    }

    [Fact]
    public void Without_a_vmdesc_or_schema_the_first_device_section_is_reported_not_guessed()
    {
        var e = Assert.Throws<MigrationStreamException>(() => SmallStream.ReadAll(new MemoryStream(WithoutVmdesc)));
        Assert.Contains("cannot frame the body of device section 'timer'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_the_dump_describes_decode_to_the_same_bytes_as_with_the_streams_own_vmdesc()
    {
        var framer = new SchemaBodyFramer(Dump());
        var bodies = Bodies(new MemoryStream(WithoutVmdesc), new MigrationStreamReaderOptions { Framer = framer });
        var truth = Bodies(new MemoryStream(Full), null);
        // Every section is delimited exactly where QEMU's own description says it ends.
        Assert.Equal(truth.Keys.Order(), bodies.Keys.Order());
        foreach (var (key, body) in truth) Assert.Equal(body, bodies[key]);
        // xive-tctx is fully described by the dump: its decoded tree re-encodes to the body.
        var (device, how) = framer.Framed[("xive-tctx", 0)];
        Assert.Equal("schema", how);
        var decoded = VmStateDecoder.DecodeDevice(device!, new SectionHeader(SectionType.Full, 0, "xive-tctx", 0, 1), truth["xive-tctx/0"], 0);
        Assert.Equal(truth["xive-tctx/0"], VmStateEncoder.Encode(decoded.Body));
        // Sections the dump cannot describe (vmstate_register() devices, varrays) are marked, with the reason.
        Assert.StartsWith("footer-scan (the schema has no VMSD 'cpu')", framer.Framed[("cpu", 0)].How, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_footer_scan_a_section_the_schema_cannot_frame_stops_the_reader()
    {
        var framer = new SchemaBodyFramer(Dump()) { AllowFooterScan = false };
        var e = Assert.Throws<MigrationStreamException>(() => SmallStream.ReadAll(new MemoryStream(WithoutVmdesc), new MigrationStreamReaderOptions { Framer = framer }));
        Assert.Contains("'timer'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_framed_by_schema_still_round_trips_byte_identical()
    {
        using var reader = new MigrationStreamReader(new MemoryStream(WithoutVmdesc), new MigrationStreamReaderOptions { Framer = new SchemaBodyFramer(Dump()) });
        var output = new MemoryStream();
        using (var writer = new MigrationStreamWriter(output, leaveOpen: true))
        {
            while (reader.Read()) writer.CopyRecord(reader);
        }
        Assert.Equal(WithoutVmdesc, output.ToArray());
    }

    private static Dictionary<string, byte[]> Bodies(Stream input, MigrationStreamReaderOptions? options)
    {
        using var reader = new MigrationStreamReader(input, options);
        var result = new Dictionary<string, byte[]>();
        SectionHeader section = default;
        while (reader.Read())
        {
            if (reader.Kind == MigrationRecordKind.SectionHeader) section = reader.Section;
            if (reader.Kind == MigrationRecordKind.DeviceState) result[$"{section.IdStr}/{section.InstanceId}"] = reader.GetPayload().ToArray();
        }
        return result;
    }
}
