using Tern.Decode;
using Tern.Knowledge;
using Tern.Platforms;
using Tern.Predict;
using Tern.Tests.Support;
using Tern.Wire;

namespace Tern.Tests.Predict;

/// <summary>
/// <see cref="Simulator"/> alone: the stream a configuration would write, read back by the real reader and compared with
/// the stream real QEMU wrote for the same configuration (tests/fixtures/streams). The simulator here never sees the
/// fixture streams (<see cref="IndependentKnowledge"/>): it works from the lab's template streams and the profiles'
/// samples, so agreeing with a fixture is agreeing with another real run, not with a copy of it.
/// </summary>
public sealed class SimulatorTests
{
    private static readonly KnowledgeBase Knowledge = IndependentKnowledge.WithoutFixtureTemplates;

    private static (byte[] Bytes, List<string> Notes) Simulate(string spec, KnowledgeBase? knowledge = null)
    {
        knowledge ??= Knowledge;
        var host = HostResolver.Resolve(HostSpecParser.Parse(spec), MigrationEnd.Source, knowledge, [], [])!;
        List<string> notes = [], missing = [];
        var bytes = new Simulator(knowledge).Simulate(host, notes, missing);
        Assert.True(bytes is not null, string.Join("; ", missing));
        return (bytes, notes);
    }

    private static StreamModel Real(string fixture) => StreamModelReader.Read(Fixtures.StreamBytes(fixture));

    // Each device section as QEMU frames it, with the subsections its body carries (names and versions, nested ones too).
    private static List<string> Shape(StreamModel m) =>
        m.Devices.Select(d => $"{d.IdStr}#{d.InstanceId} v{d.Version}: {string.Join(", ", Subsections(d.Body))}").ToList();

    private static IEnumerable<string> Subsections(VmsdValue v) =>
        v.Fields.Where(f => f.Struct is not null).SelectMany(f => Subsections(f.Struct!))
            .Concat(v.Subsections.SelectMany(s => Subsections(s.Body).Prepend($"{s.Name} v{s.Version}")));

    private static ulong Pvr(StreamModel m) => m.Device("cpu")!.Body.Integers("env.spr").Skip(0x11F).First();

    private static IEnumerable<(string, ulong)> Caps(StreamModel m) =>
        m.Device("spapr")!.Body.Subsections.Where(s => s.Name.StartsWith("spapr/cap/", StringComparison.Ordinal))
            .Select(s => (s.Name, s.Body.Fields[0].AsUInt64()));

    [Fact]
    public void Given_a_configuration_when_simulated_then_the_real_reader_reads_a_whole_stream_of_that_machine()
    {
        // Given QEMU 7.2, pseries-7.2, 512 MiB
        var (bytes, _) = Simulate("qemu-7.2 -machine pseries-7.2 -m 512 -accel tcg");

        // When the bytes are read by the wire reader, record by record to the end
        using var reader = new MigrationStreamReader(new MemoryStream(bytes));
        var devices = 0;
        while (reader.Read())
            if (reader.Kind == MigrationRecordKind.DeviceState) devices++;

        // Then: QEMU's configuration section names the machine, the main RAM block is -m (QEMU sends used_length), and
        // every device section is described by the vmdesc (as QEMU writes it unless suppress-vmdesc is set)
        Assert.Equal("pseries-7.2", reader.Configuration!.MachineName);
        Assert.Equal(512UL << 20, Assert.Single(reader.RamBlocks, b => b.Name == "ppc_spapr.ram").UsedLength);
        Assert.NotNull(reader.VmDescription);
        Assert.Equal(Real("same-7.2-pseries").Devices.Count, devices);
    }

    [Theory]
    [InlineData("qemu-7.2 -machine pseries-7.2 -m 256 -accel tcg", "same-7.2-pseries")]
    [InlineData("qemu-5.2 -machine pseries-5.2 -m 256 -accel tcg", "same-5.2-pseries")]
    [InlineData("qemu-10.0.13 -machine pseries-10.0 -m 256 -accel tcg", "same-10.0.13-pseries")]
    [InlineData("qemu-10.0.2 -machine pseries-7.2 -m 256 -accel tcg", "x-10.0.2-to-7.2-pseries-7.2")]
    [InlineData("qemu-7.2 -machine virt-7.2 -m 256 -cpu cortex-a57 -accel tcg", "same-7.2-virt-a57")]
    [InlineData("qemu-10.0.2 -machine virt-10.0 -m 256 -cpu max -accel tcg", "same-10.0.2-virt-max")]
    public void Given_a_configuration_real_QEMU_ran_when_simulated_then_sections_and_subsections_are_the_real_streams(string spec, string fixture)
    {
        // Given a configuration for which real QEMU's stream is kept
        var real = Real(fixture);

        // When it is simulated
        var simulated = StreamModelReader.Read(Simulate(spec).Bytes);

        // Then the same sections, instances, versions and subsections, the same machine name and RAM blocks
        Assert.Equal(Shape(real), Shape(simulated));
        Assert.Equal(real.Configuration.MachineName, simulated.Configuration.MachineName);
        Assert.Equal(real.RamBlocks.Select(b => (b.Name, b.UsedLength)), simulated.RamBlocks.Select(b => (b.Name, b.UsedLength)));
    }

    [Theory]
    [InlineData("qemu-7.2 -machine pseries-7.2,cap-cfpc=broken -m 256 -accel tcg", "cap-cfpc-broken-vs-default")]
    [InlineData("qemu-7.2 -machine pseries-7.2,cap-cfpc=fixed -m 256 -accel tcg", "cap-cfpc-fixed-vs-default")]
    [InlineData("qemu-7.2 -machine pseries-7.2,cap-hpt-max-page-size=16M -m 256 -accel tcg", "cap-hpt-16M-vs-64k")]
    [InlineData("qemu-7.2 -machine pseries-7.2,cap-large-decr=on -m 256 -accel tcg", "cap-large-decr-on-vs-off")]
    [InlineData("qemu-5.2 -machine pseries-5.2,cap-dfp=on -m 256 -accel tcg", "cap-x-5.2-7.2-dfp-on-vs-off")]
    [InlineData("qemu-10.0.2 -machine pseries-10.0,cap-nested-papr=on -m 256 -accel tcg", "cap-10.0.2-nested-papr-on-vs-off")]
    [InlineData("qemu-10.0.2 -machine pseries-10.0,cap-dawr1=on -m 256 -accel tcg", "cap-10.0.2-dawr1-on-vs-off")]
    public void Given_caps_on_the_command_line_when_simulated_then_the_cap_subsections_sent_are_the_ones_QEMU_sent(string spec, string fixture)
    {
        // hw/ppc/spapr_caps.c: a cap's subsection is sent only when its level differs from the machine's default (the
        // rule varies by release); its one field is the level
        var real = Real(fixture);

        var simulated = StreamModelReader.Read(Simulate(spec).Bytes);

        Assert.Equal(Caps(real), Caps(simulated));
        Assert.Equal(Shape(real), Shape(simulated));
    }

    [Fact]
    public void Given_a_POWER8_cpu_when_simulated_then_the_PVR_is_QEMUs_and_no_XIVE_section_is_sent()
    {
        // Given -cpu POWER8 on pseries-7.2 (real stream: cpu-P8-vs-P9's source; without POWER9 the machine is XICS only)
        var real = Real("cpu-P8-vs-P9");

        var simulated = StreamModelReader.Read(Simulate("qemu-7.2 -machine pseries-7.2 -m 256 -cpu POWER8 -accel tcg").Bytes);

        Assert.Equal(Pvr(real), Pvr(simulated));
        Assert.DoesNotContain(simulated.Devices, d => d.IdStr.StartsWith("xive", StringComparison.Ordinal) || d.IdStr == "spapr-xive");
        Assert.Equal(Shape(real), Shape(simulated));
    }

    [Fact]
    public void Given_a_compat_mode_when_simulated_then_cpu_compat_carries_the_logical_PVR_where_QEMU_puts_it()
    {
        // Given POWER9 in power9 compat mode (real stream: cpu-P9compat9-vs-P10compat9's source, QEMU 7.2)
        var real = Real("cpu-P9compat9-vs-P10compat9");

        var simulated = StreamModelReader.Read(Simulate("qemu-7.2 -machine pseries-7.2,max-cpu-compat=power9 -m 256 -cpu POWER9 -accel tcg").Bytes);

        // Then: target/ppc/machine.c vmstate_compat, compat_pvr = 0x0f000005 (the logical PVR of power9), in the real order
        var compat = simulated.Device("cpu")!.Body.Subsection("cpu/compat");
        Assert.NotNull(compat);
        Assert.Equal(real.Device("cpu")!.Body.Subsection("cpu/compat")!.Body.Field("compat_pvr")!.AsUInt64(), compat.Body.Field("compat_pvr")!.AsUInt64());
        Assert.Equal(Pvr(real), Pvr(simulated));
        Assert.Equal(Shape(real), Shape(simulated));
    }

    [Fact]
    public void Given_a_POWER9_DD20_on_an_old_machine_of_10_0_13_when_simulated_then_it_is_the_stream_10_0_13_wrote()
    {
        // Given 10.0.13 running pseries-7.2 with power9_v2.0 (real stream: written by that 10.0.13 process in the
        // forward hop of f-7.2-to-10.0.13-pseries-7.2-cpu9v20, kept as its .back stream)
        var real = Real("f-7.2-to-10.0.13-pseries-7.2-cpu9v20.back");

        var simulated = StreamModelReader.Read(Simulate("qemu-10.0.13 -machine pseries-7.2 -m 256 -cpu power9_v2.0 -accel tcg").Bytes);

        Assert.Equal(Pvr(real), Pvr(simulated));
        Assert.Equal(Shape(real), Shape(simulated));
    }

    [Fact]
    public void Given_the_simulated_state_when_noted_then_the_note_names_the_real_stream_it_came_from()
    {
        var (_, notes) = Simulate("qemu-7.2 -machine pseries-7.2 -m 256 -accel tcg");

        // The verdict says what it stood on: a lab stream here, never a fixture (this knowledge has none of them)
        var note = Assert.Single(notes, n => n.Contains("state from template", StringComparison.Ordinal));
        Assert.DoesNotContain("(" + IndependentKnowledge.FixtureOrigin, note, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_no_template_of_the_cpu_when_simulated_then_another_cpus_stream_is_edited_into_the_real_one()
    {
        // Given no 7.2 pseries-7.2 POWER8 (= power8_v2.0) stream to start from, lab or profile sample (the simulator must
        // edit another CPU's: PVR, XIVE)
        var knowledge = IndependentKnowledge.Without(t => t.Source.Qemu == "7.2" && t.Source.Machine == "pseries-7.2" && t.Source.Cpu is "POWER8" or "power8_v2.0");
        var real = Real("cpu-P8-vs-P9");

        // When POWER8 is simulated
        var (bytes, notes) = Simulate("qemu-7.2 -machine pseries-7.2 -m 256 -cpu POWER8 -accel tcg", knowledge);
        var simulated = StreamModelReader.Read(bytes);

        // Then it is the stream real 7.2 wrote for POWER8
        Assert.DoesNotContain(notes, n => n.Contains("pseries-7.2-POWER8.", StringComparison.Ordinal) || n.Contains("power8_v2.0@", StringComparison.Ordinal));
        Assert.Equal(Pvr(real), Pvr(simulated));
        Assert.Equal(Shape(real), Shape(simulated));
    }

    [Fact]
    public void Given_no_template_with_a_compat_mode_when_simulated_then_cpu_compat_is_added_where_QEMU_sends_it()
    {
        // Given no 7.2 stream with any max-cpu-compat (the simulator must add cpu/compat itself)
        var knowledge = IndependentKnowledge.Without(t => t.Source.Qemu == "7.2" && t.Source.MachineProperty("max-cpu-compat") is not null);
        var real = Real("cpu-P9compat9-vs-P10compat9");

        var simulated = StreamModelReader.Read(Simulate("qemu-7.2 -machine pseries-7.2,max-cpu-compat=power9 -m 256 -cpu POWER9 -accel tcg", knowledge).Bytes);

        // Then: target/ppc/machine.c vmstate_compat with compat_pvr 0x0f000005, in the real stream's place
        Assert.Equal(0x0f000005UL, simulated.Device("cpu")!.Body.Subsection("cpu/compat")!.Body.Field("compat_pvr")!.AsUInt64());
        Assert.Equal(0x0f000005UL, real.Device("cpu")!.Body.Subsection("cpu/compat")!.Body.Field("compat_pvr")!.AsUInt64());
        Assert.Equal(Shape(real), Shape(simulated));
    }
}
