using Tern.Decode;
using Tern.Knowledge;
using Tern.Platforms;
using Tern.Predict;
using Tern.Tests.Support;

namespace Tern.Tests.Predict;

/// <summary>
/// <see cref="Loader"/> alone: a real stream (tests/fixtures/streams) loaded on a destination whose own state is that
/// same real stream with exactly one thing changed. Each test expects exactly one finding, with the lines QEMU prints —
/// taken from the real runs' stderr in tests/fixtures/outcomes.jsonl where a run hit the case, else from QEMU's source
/// (migration/savevm.c, migration/vmstate.c, migration/vmstate-types.c, migration/ram.c; cited at each test).
/// </summary>
public sealed class LoaderTests
{
    // same-7.2-pseries: QEMU 7.2.22, -machine pseries-7.2 -m 256, TCG; same-7.2-virt-max: -machine virt-7.2 -cpu max.
    private const string Pseries72 = "qemu-7.2 -machine pseries-7.2 -m 256 -accel tcg";

    private static StreamModel Real(string fixture) => StreamModelReader.Read(Fixtures.StreamBytes(fixture));

    private static ResolvedHost Host(string spec) => HostResolver.Resolve(HostSpecParser.Parse(spec), MigrationEnd.Destination, KnowledgeBase.Default, [], [])!;

    private static List<Finding> Load(StreamModel incoming, string destination, StreamModel local)
    {
        var host = Host(destination);
        return Loader.Load(incoming, host, local, DestinationCatalog.For(host));
    }

    private static StreamModel WithDevices(StreamModel m, IReadOnlyList<DeviceSection> devices) => new()
    {
        Configuration = m.Configuration, RamBlocks = m.RamBlocks, Devices = devices, IterativeSections = m.IterativeSections,
        PageSize = m.PageSize, HtabShift = m.HtabShift,
    };

    private static StreamModel WithDevice(StreamModel m, string idstr, Func<DeviceSection, DeviceSection> edit) =>
        WithDevices(m, m.Devices.Select(d => d.IdStr == idstr ? edit(d) : d).ToList());

    [Fact]
    public void Given_a_real_stream_and_the_same_state_on_the_destination_when_loaded_then_nothing_is_fatal()
    {
        // Given the real pseries-7.2 stream (same-7.2-pseries migrated to 7.2 with success)
        var stream = Real("same-7.2-pseries");

        // When it is loaded on a destination whose own state is the same stream
        var findings = Load(stream, Pseries72, Real("same-7.2-pseries"));

        // Then nothing stops the load
        Assert.DoesNotContain(findings, f => f.Severity == Severity.Fatal);
    }

    [Fact]
    public void Given_a_section_the_destination_lacks_when_loaded_then_it_is_the_unknown_section_with_QEMUs_lines()
    {
        // Given a destination that registers no xive-source (as a POWER8 destination, fixture case cpu-P9-vs-P8)
        var stream = Real("same-7.2-pseries");
        var local = WithDevices(stream, stream.Devices.Where(d => d.IdStr != "xive-source").ToList());

        // When the stream is loaded
        var finding = Assert.Single(Load(stream, Pseries72, local));

        // Then: real 7.2 stderr of cpu-P9-vs-P8 (migration/savevm.c qemu_loadvm_section_start_full, find_se fails)
        Assert.Equal("unknown-section", finding.Code);
        Assert.Equal(Severity.Fatal, finding.Severity);
        Assert.Equal(
            ["Unknown savevm section or instance 'xive-source' 0. Make sure that your current VM setup matches your saved VM setup, including any hotplugged devices",
             "load of migration failed: Invalid argument"], finding.QemuError);
        Assert.Equal("xive-source", finding.Evidence.Section);
    }

    [Fact]
    public void Given_a_section_version_newer_than_the_destinations_when_loaded_then_QEMU_says_unsupported_version()
    {
        // Given a destination whose spapr_pci is one version older than the stream's (v2 in 7.2's stream)
        var stream = Real("same-7.2-pseries");
        var incoming = stream.Device("spapr_pci")!.Version;
        var local = WithDevice(stream, "spapr_pci", d => d with { Version = incoming - 1 });

        // When the stream is loaded
        var finding = Assert.Single(Load(stream, Pseries72, local));

        // Then: migration/savevm.c qemu_loadvm_section_start_full, "savevm: unsupported version %d for '%s' v%d" and
        // -EINVAL (the same form real 5.2 printed for spapr_iommu in x-5.2-to-7.2-pseries-5.2/back)
        Assert.Equal("section-version-too-new", finding.Code);
        Assert.Equal([$"savevm: unsupported version {incoming} for 'spapr_pci' v{incoming - 1}", "load of migration failed: Invalid argument"], finding.QemuError);
    }

    [Fact]
    public void Given_a_subsection_the_destination_QEMU_does_not_know_when_loaded_then_the_section_fails_with_ENOENT()
    {
        // Given the 7.2 stream whose cpu carries cpu/bhrb, taken from a real 10.0.2 POWER10 stream (7.2 has no cpu/bhrb)
        var stream = Real("same-7.2-pseries");
        var bhrb = Real("same-10.0.2-pseries").Device("cpu")!.Body.Subsection("cpu/bhrb")!;
        var incoming = WithDevice(stream, "cpu", d => d with { Body = d.Body.WithSubsection(bhrb, d.Body.Subsections.Count) });

        // When it is loaded on a 7.2 destination with the original state
        var finding = Assert.Single(Load(incoming, Pseries72, stream));

        // Then: up to 10.1 vmstate_subsection_load returns -ENOENT with a trace only (migration/vmstate.c), and
        // qemu_loadvm_section_start_full prints its "error while loading state …" line (migration/savevm.c)
        Assert.Equal("unknown-subsection", finding.Code);
        Assert.Equal(["error while loading state for instance 0x0 of device 'cpu'", "load of migration failed: No such file or directory"], finding.QemuError);
        Assert.Equal("cpu/bhrb", finding.Evidence.Subsection);
    }

    [Fact]
    public void Given_a_subsection_version_newer_than_the_destination_knows_when_loaded_then_QEMU_names_both_versions()
    {
        // Given the 7.2 stream with cpu/slb at version 2 (10.0 sends v2; 7.2 knows v1: fixture x-10.0.2-to-7.2-pseries-7.2)
        var stream = Real("same-7.2-pseries");
        var incoming = WithDevice(stream, "cpu", d =>
        {
            var slb = d.Body.Subsection("cpu/slb")!;
            return d with { Body = d.Body.WithSubsection(slb with { Version = 2 }, d.Body.Subsections.ToList().IndexOf(slb)) };
        });

        // When it is loaded on 7.2
        var finding = Assert.Single(Load(incoming, Pseries72, stream));

        // Then: real 7.2 stderr of x-10.0.2-to-7.2-pseries-7.2 (migration/vmstate.c vmstate_load_state)
        Assert.Equal("subsection-version-too-new", finding.Code);
        Assert.Equal(
            ["cpu/slb: incoming version_id 2 is too new for local version_id 1", "error while loading state for instance 0x0 of device 'cpu'", "load of migration failed: Invalid argument"],
            finding.QemuError);
    }

    [Fact]
    public void Given_a_RAM_block_of_another_length_on_the_destination_when_loaded_then_QEMU_reports_the_size_mismatch()
    {
        // Given a destination started with -m 512 (fixture case mem-pseries-256-vs-512), the stream from -m 256
        var stream = Real("same-7.2-pseries");
        var local = new StreamModel
        {
            Configuration = stream.Configuration, Devices = stream.Devices, PageSize = stream.PageSize, HtabShift = stream.HtabShift,
            RamBlocks = stream.RamBlocks.Select(b => b.Name == "ppc_spapr.ram" ? b with { UsedLength = 512UL << 20 } : b).ToList(),
        };

        // When it is loaded
        var finding = Assert.Single(Load(stream, "qemu-7.2 -machine pseries-7.2 -m 512 -accel tcg", local));

        // Then: real 7.2 stderr of mem-pseries-256-vs-512 (migration/ram.c parse_ramblock → qemu_ram_resize)
        Assert.Equal("ram-size-mismatch", finding.Code);
        Assert.Equal(
            ["Size mismatch: ppc_spapr.ram: 0x10000000 != 0x20000000: Invalid argument", "error while loading state for instance 0x0 of device 'ram'", "load of migration failed: Invalid argument"],
            finding.QemuError);
    }

    [Fact]
    public void Given_a_RAM_block_the_destination_does_not_have_when_loaded_then_QEMU_refuses_the_unknown_ramblock()
    {
        // Given a destination without the stream's main RAM block
        var stream = Real("same-7.2-pseries");
        var local = new StreamModel
        {
            Configuration = stream.Configuration, Devices = stream.Devices, PageSize = stream.PageSize, HtabShift = stream.HtabShift,
            RamBlocks = stream.RamBlocks.Where(b => b.Name != "ppc_spapr.ram").ToList(),
        };

        // When it is loaded
        var finding = Assert.Single(Load(stream, Pseries72, local));

        // Then: migration/ram.c parse_ramblock, error_report("Unknown ramblock \"%s\", cannot accept migration", id)
        Assert.Equal("ram-block-unknown", finding.Code);
        Assert.Equal("Unknown ramblock \"ppc_spapr.ram\", cannot accept migration", finding.QemuError[0]);
    }

    [Fact]
    public void Given_an_EQUAL_field_that_differs_when_loaded_then_QEMU_prints_the_local_value_first_and_the_field()
    {
        // Given a destination whose ics has another nr_irqs (VMSTATE_UINT32_EQUAL(nr_irqs, ICSState, NULL))
        var stream = Real("same-7.2-pseries");
        var incoming = (uint)stream.Device("ics")!.Body.Field("nr_irqs")!.AsUInt64();
        var local = WithDevice(stream, "ics", d => d with { Body = d.Body.WithInteger("nr_irqs", null, incoming + 0x10) });

        // When it is loaded
        var finding = Assert.Single(Load(stream, Pseries72, local));

        // Then: migration/vmstate-types.c get_uint32_equal prints error_report("%" PRIx32 " != %" PRIx32, *v, v2) —
        // *v is the destination's own field, v2 the value read from the stream — then vmstate_load_state's
        // "Failed to load %s:%s" and the section's wrapper (migration/vmstate.c, migration/savevm.c)
        Assert.Equal("field-not-equal", finding.Code);
        Assert.Equal(
            [$"{incoming + 0x10:x} != {incoming:x}", "Failed to load ics:nr_irqs", "error while loading state for instance 0x0 of device 'ics'", "load of migration failed: Invalid argument"],
            finding.QemuError);
    }

    [Fact]
    public void Given_more_ARM_coprocessor_registers_than_the_destination_holds_when_loaded_then_QEMU_rejects_the_length()
    {
        // Given the real 7.2 virt -cpu max stream and a destination whose cpu holds fewer registers (5.2 holds 251:
        // fixture x-7.2-to-5.2-virt-5.2-max)
        var stream = Real("same-7.2-virt-max");
        var incoming = stream.Device("cpu")!.Body.Field("cpreg_vmstate_array_len")!.AsInt64();
        var local = WithDevice(stream, "cpu", d => d with { Body = d.Body.WithInteger("cpreg_vmstate_array_len", null, 251) });

        // When it is loaded
        var finding = Assert.Single(Load(stream, "qemu-7.2 -machine virt-7.2 -cpu max -m 256 -accel tcg", local));

        // Then: real 5.2 stderr of x-7.2-to-5.2-virt-5.2-max (migration/vmstate-types.c get_int32_le)
        Assert.Equal("field-above-local-bound", finding.Code);
        Assert.Equal(
            [$"Invalid value {incoming} expecting positive value <= 251", "Failed to load cpu:cpreg_vmstate_array_len", "error while loading state for instance 0x0 of device 'cpu'", "load of migration failed: Invalid argument"],
            finding.QemuError);
    }

    [Fact]
    public void Given_a_destination_with_another_machine_type_when_loaded_then_the_configuration_section_fails_first()
    {
        // Given the pseries-7.2 stream and a destination started with -machine pseries-7.1 (fixture mt-pseries-7.2-vs-7.1)
        var stream = Real("same-7.2-pseries");

        // When it is loaded
        var findings = Load(stream, "qemu-7.2 -machine pseries-7.1 -m 256 -accel tcg", stream);

        // Then: real 7.2 stderr (migration/savevm.c configuration_post_load)
        var first = findings[0];
        Assert.Equal("machine-type-mismatch", first.Code);
        Assert.Equal(["Machine type received is 'pseries-7.2' and local is 'pseries-7.1'", "load of migration failed: Invalid argument"], first.QemuError);
    }
}
