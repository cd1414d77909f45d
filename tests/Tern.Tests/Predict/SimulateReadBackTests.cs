using Tern.Knowledge;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Tests.Predict;

/// <summary>
/// <see cref="Simulator.SimulateReadBack"/> encodes and decodes a template's unchanged sections once and reuses them:
/// what it returns must be exactly what reading <see cref="Simulator.Simulate"/>'s bytes back gives, offsets and
/// length included, for configurations that edit the template (PVR, compat, caps, XIVE, RAM) and ones that do not.
/// </summary>
public sealed class SimulateReadBackTests
{
    public static TheoryData<string> Configurations() =>
    [
        "qemu-7.2 -machine pseries-7.2 -accel tcg",
        "qemu-7.2 -machine pseries-5.2,max-cpu-compat=power8 -accel tcg -m 256 -cpu power9_v2.0",
        "qemu-10.0.2 -machine pseries-7.2,cap-cfpc=broken -accel tcg -cpu power8_v2.0",
        "qemu-10.0.13 -machine pseries-5.2 -accel tcg -cpu power9_v2.2",
        "qemu-10.0.13 -machine pseries-7.2,max-cpu-compat=power8 -accel tcg -m 256",
        "qemu-7.2 -machine virt-7.2 -cpu cortex-a57 -accel tcg",
        "qemu-10.0.13 -machine virt-5.2 -accel tcg -m 256 -cpu cortex-a15",
        "qemu-2.10 -machine pseries-2.10,max-cpu-compat=power8 -cpu POWER8",
    ];

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Reads_back_exactly_what_writing_and_reading_the_whole_stream_gives(string configuration)
    {
        var host = HostResolver.Resolve(HostSpecParser.Parse(configuration), MigrationEnd.Source, KnowledgeBase.Default, [], [])!;
        var simulator = new Simulator(KnowledgeBase.Default);
        List<string> notes = [], missing = [];
        var bytes = simulator.Simulate(host, notes, missing);
        Assert.NotNull(bytes);
        var expected = StreamModelReader.Read(bytes);
        // Three times: the first call does not keep the template's sections, the second keeps them, the third uses them.
        for (var round = 0; round < 3; round++)
        {
            List<string> n2 = [], m2 = [];
            var actual = simulator.SimulateReadBack(host, n2, m2, out var length);
            Assert.NotNull(actual);
            Assert.Equal(bytes.Length, length);
            Assert.Equal(notes, n2);
            Assert.Equal(missing, m2);
            Assert.Equal(expected.Configuration.MachineName, actual.Configuration.MachineName);
            Assert.Equal(expected.RamBlocks, actual.RamBlocks);
            Assert.Equal(expected.IterativeSections, actual.IterativeSections);
            Assert.Equal(expected.PageSize, actual.PageSize);
            Assert.Equal(expected.HtabShift, actual.HtabShift);
            Assert.Equal(expected.Devices.Select(d => (d.IdStr, d.InstanceId, d.Version, d.Offset)), actual.Devices.Select(d => (d.IdStr, d.InstanceId, d.Version, d.Offset)));
            // Same bodies and descriptions: the same stream when both are written again (the vmdesc comes from the descriptions).
            Assert.Equal(StreamModelWriter.Write(expected), StreamModelWriter.Write(actual));
        }
    }

    // Configurations that share a template but edit different sections (PVR, compat, caps, XIVE dropped, RAM size):
    // after the first, each is read back from its edited sections alone, and must equal the whole write-then-read.
    public static TheoryData<string[]> SharedTemplates() => new()
    {
        new[]
        {
            "qemu-10.0.2 -machine pseries-7.2 -accel tcg",
            "qemu-10.0.2 -machine pseries-7.2 -accel tcg -cpu power8_v2.0",
            "qemu-10.0.2 -machine pseries-7.2,cap-cfpc=broken -accel tcg -m 1024",
            "qemu-10.0.2 -machine pseries-7.2,max-cpu-compat=power8 -accel tcg",
            "qemu-10.0.2 -machine pseries-7.2,cap-large-decr=off,cap-ccf-assist=on -accel tcg -cpu power9_v2.0 -m 512",
            "qemu-10.0.2 -machine pseries-7.2 -accel tcg",
        },
        new[]
        {
            "qemu-10.0.13 -machine virt-7.2 -cpu cortex-a57 -accel tcg",
            "qemu-10.0.13 -machine virt-7.2 -cpu cortex-a57 -accel tcg -m 2048",
            "qemu-10.0.13 -machine virt-5.2 -cpu cortex-a57 -accel tcg -m 512",
        },
    };

    [Theory]
    [MemberData(nameof(SharedTemplates))]
    public void Configurations_sharing_a_template_read_back_as_their_whole_streams_do(string[] configurations)
    {
        var simulator = new Simulator(KnowledgeBase.Default);
        foreach (var configuration in configurations)
        {
            var host = HostResolver.Resolve(HostSpecParser.Parse(configuration), MigrationEnd.Source, KnowledgeBase.Default, [], [])!;
            List<string> notes = [], missing = [];
            var bytes = new Simulator(KnowledgeBase.Default).Simulate(host, notes, missing);
            Assert.NotNull(bytes);
            var expected = StreamModelReader.Read(bytes);
            List<string> n2 = [], m2 = [];
            var actual = simulator.SimulateReadBack(host, n2, m2, out var length);
            Assert.NotNull(actual);
            Assert.Equal(bytes.Length, length);
            Assert.Equal(notes, n2);
            Assert.Equal(expected.Configuration.MachineName, actual.Configuration.MachineName);
            Assert.Equal(expected.RamBlocks, actual.RamBlocks);
            Assert.Equal(expected.IterativeSections, actual.IterativeSections);
            Assert.Equal(expected.HtabShift, actual.HtabShift);
            Assert.Equal(expected.Devices.Select(d => (d.IdStr, d.InstanceId, d.Version, d.Offset)), actual.Devices.Select(d => (d.IdStr, d.InstanceId, d.Version, d.Offset)));
            Assert.Equal(bytes, StreamModelWriter.Write(actual));
        }
    }
}
