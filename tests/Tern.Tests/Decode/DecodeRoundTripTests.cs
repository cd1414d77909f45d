using Tern.Decode;
using Tern.Tests.Support;
using Tern.Wire;

namespace Tern.Tests.Decode;

public sealed class DecodeRoundTripTests
{
    public static TheoryData<string> Streams() => Fixtures.AllStreams();

    [Theory]
    [MemberData(nameof(Streams))]
    public void Every_device_section_decodes_with_the_vmdesc_and_encodes_back_to_the_same_bytes(string name)
    {
        using var reader = new MigrationStreamReader(new MemoryStream(Fixtures.StreamBytes(name)));
        SectionHeader section = default;
        var devices = 0;
        while (reader.Read())
        {
            if (reader.Kind == MigrationRecordKind.SectionHeader) section = reader.Section;
            if (reader.Kind != MigrationRecordKind.DeviceState) continue;

            // Given a device body QEMU wrote, and the description QEMU wrote for it
            var body = reader.GetPayload().ToArray();
            var description = reader.VmDescription!.Find(section.IdStr, section.InstanceId)!;

            // When it is decoded into a tree and the tree is encoded again
            var state = VmStateDecoder.DecodeDevice(description, section, body, reader.RecordOffset);
            var encoded = VmStateEncoder.Encode(state.Body);

            // Then the bytes are the original ones
            Assert.Equal(body, encoded);
            devices++;
        }
        Assert.True(devices >= 12, $"only {devices} device sections in {name}");
    }

    [Fact]
    public void The_ppc_cpu_section_exposes_typed_integers_and_its_subsections()
    {
        using var reader = new MigrationStreamReader(new MemoryStream(Fixtures.StreamBytes("cpu-P9compat9-vs-P10compat9")));
        DeviceState? cpu = null;
        SectionHeader section = default;
        while (reader.Read())
        {
            if (reader.Kind == MigrationRecordKind.SectionHeader) section = reader.Section;
            if (reader.Kind == MigrationRecordKind.DeviceState && section.IdStr == "cpu")
                cpu = VmStateDecoder.DecodeDevice(reader.VmDescription!.Find("cpu", 0)!, section, reader.GetPayload(), reader.RecordOffset);
        }
        Assert.NotNull(cpu);
        // The source ran with max-cpu-compat=power9, so QEMU sent cpu/compat with the POWER9 logical PVR 0x0F000005.
        var compat = cpu.Body.Subsection("cpu/compat");
        Assert.NotNull(compat);
        var compatPvr = compat.Body.Field("compat_pvr");
        Assert.NotNull(compatPvr);
        Assert.Equal(FieldKind.Integer, compatPvr.Kind);
        Assert.Equal(0x0F000005UL, compatPvr.AsUInt64());
        Assert.Equal(["cpu/fpu", "cpu/altivec", "cpu/vsx", "cpu/slb", "cpu/compat"], cpu.Body.Subsections.Select(s => s.Name));
    }
}
