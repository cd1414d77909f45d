using Tern.Knowledge;
using Tern.Platforms;
using Tern.Predict;
using Tern.Vmstate;

namespace Tern.Tests.Predict;

/// <summary>
/// The capture path of the Predictor: when a configuration has options templates cannot say, both ends come from
/// captures (here: a real 10.0.13 pseries-10.0 stream standing in for what the binary would write, edited where a case
/// needs a difference), and the ordinary load rules judge them. Real QEMU cases are in Tern.Lab.Tests
/// (DeviceConfigurationTests); this pins the plumbing: which options trigger a capture, what a refusal or a missing
/// binary becomes, and that the new rules fire on real sections.
/// </summary>
public sealed class CapturedConfigurationTests
{
    private static byte[] RealStream()
    {
        var t = TemplateCatalog.Of("10.0.13").First(t => t.Source.Machine == "pseries-10.0" && t.Source.MachineProperties.Count == 0 && t.Source.Cpu is null);
        return t.ReadBytes();
    }

    private sealed class FakeCapture(Func<HostSpec, CapturedStream> answer) : IConfigurationCapture
    {
        public List<HostSpec> Asked { get; } = [];

        public CapturedStream Capture(QemuProfile profile, Architecture architecture, HostSpec spec, string machine, string cpu)
        {
            lock (Asked) Asked.Add(spec);
            return answer(spec);
        }
    }

    private static (Verdict Verdict, FakeCapture Capture) Check(string source, string destination, Func<HostSpec, CapturedStream> answer)
    {
        var capture = new FakeCapture(answer);
        var predictor = new Predictor(KnowledgeBase.Default.With(capture));
        return (predictor.Predict(HostSpecParser.Parse(source), HostSpecParser.Parse(destination)), capture);
    }

    private static byte[] Without(byte[] stream, string idstr)
    {
        var m = StreamModelReader.Read(stream);
        return StreamModelWriter.Write(new StreamModel
        {
            Configuration = m.Configuration, RamBlocks = m.RamBlocks, Devices = m.Devices.Where(d => d.IdStr != idstr).ToList(),
            IterativeSections = m.IterativeSections, PageSize = m.PageSize, HtabShift = m.HtabShift,
        });
    }

    [Fact]
    public void A_bare_pair_is_never_captured()
    {
        var (v, capture) = Check("qemu-10.0.13 -machine pseries-10.0", "qemu-10.0.13 -machine pseries-10.0", _ => throw new InvalidOperationException("no capture expected"));
        Assert.Empty(capture.Asked);
        Assert.Equal(VerdictKind.Compatible, v.Kind);
    }

    [Fact]
    public void Devices_on_either_end_capture_both_ends_and_identical_captures_are_compatible()
    {
        var bytes = RealStream();
        var (v, capture) = Check("qemu-10.0.13 -machine pseries-10.0 -device virtio-rng-pci", "qemu-10.0.13 -machine pseries-10.0 -device virtio-rng-pci",
            _ => new CapturedStream(bytes, "fake", null));
        // The same configuration on both ends is captured once.
        Assert.Single(capture.Asked);
        Assert.Equal(VerdictKind.Compatible, v.Kind);
        Assert.Contains(v.Notes, n => n.StartsWith("source state: captured from fake", StringComparison.Ordinal));
    }

    [Fact]
    public void Different_vCPU_counts_are_captured_even_without_devices()
    {
        var bytes = RealStream();
        var (_, capture) = Check("qemu-10.0.13 -machine pseries-10.0 -smp 2", "qemu-10.0.13 -machine pseries-10.0", _ => new CapturedStream(bytes, "fake", null));
        Assert.Equal(2, capture.Asked.Count);
    }

    [Fact]
    public void A_section_the_destination_lacks_is_QEMUs_unknown_section_and_the_reverse_is_a_warning()
    {
        var full = RealStream();
        var lacking = Without(full, "spapr_cpu");
        var (v, _) = Check("qemu-10.0.13 -machine pseries-10.0 -device X", "qemu-10.0.13 -machine pseries-10.0",
            s => new CapturedStream(s.Unmodelled.Count > 0 ? full : lacking, "fake", null));
        Assert.Equal(VerdictKind.Incompatible, v.Kind);
        Assert.Equal("Unknown savevm section or instance 'spapr_cpu' 0. Make sure that your current VM setup matches your saved VM setup, including any hotplugged devices", v.FirstFatal!.QemuError[0]);

        var (back, _) = Check("qemu-10.0.13 -machine pseries-10.0", "qemu-10.0.13 -machine pseries-10.0 -device X",
            s => new CapturedStream(s.Unmodelled.Count > 0 ? full : lacking, "fake", null));
        Assert.Equal(VerdictKind.Compatible, back.Kind);
        Assert.Contains(back.Findings, f => f.Code == "section-not-in-stream" && f.Evidence.Section == "spapr_cpu" && f.Severity == Severity.Warning);
    }

    [Fact]
    public void QEMU_refusing_the_configuration_is_fatal_with_its_own_line()
    {
        var bytes = RealStream();
        var (v, _) = Check("qemu-10.0.13 -machine pseries-10.0 -device nosuch", "qemu-10.0.13 -machine pseries-10.0 -device nosuch",
            s => s.Arguments.Contains("nosuch") && s.Qemu == "10.0.13"
                ? new CapturedStream(null, "fake", "qemu-system-ppc64: -device nosuch: 'nosuch' is not a valid device model name", RefusedByQemu: true)
                : new CapturedStream(bytes, "fake", null));
        Assert.Equal(VerdictKind.Incompatible, v.Kind);
        Assert.Equal("configuration-refused", v.FirstFatal!.Code);
        Assert.Equal("-device nosuch: 'nosuch' is not a valid device model name", v.FirstFatal.QemuError[0]);
    }

    [Fact]
    public void No_binary_to_capture_with_keeps_the_options_unmodelled_and_the_verdict_undecidable()
    {
        var (v, _) = Check("qemu-10.0.13 -machine pseries-10.0 -device virtio-rng-pci", "qemu-10.0.13 -machine pseries-10.0",
            _ => new CapturedStream(null, "", "no qemu-system-ppc64 of QEMU 10.0.13 on this machine"));
        Assert.Equal(VerdictKind.Undecidable, v.Kind);
        Assert.Contains(v.Missing, m => m.Contains("no qemu-system-ppc64 of QEMU 10.0.13", StringComparison.Ordinal));
        Assert.Contains(v.Missing, m => m.StartsWith("source: -device virtio-rng-pci may carry migration state", StringComparison.Ordinal));
    }

    [Fact]
    public void An_array_sized_by_the_destinations_own_state_is_a_layout_mismatch_unless_the_stream_carries_its_count()
    {
        var model = StreamModelReader.Read(RealStream());
        var xive = model.Device("spapr-xive")!;
        DeviceSection Shorter(string name) => xive with
        {
            Description = xive.Description with
            {
                Vmsd = xive.Description.Vmsd with { Fields = xive.Description.Vmsd.Fields.Select(f => f.Name == name ? f with { ArrayLength = f.Count - 1 } : f).ToList() },
            },
        };

        // endt: one END per vCPU priority, sized by the machine's vCPUs (no field of the stream says it).
        var mismatch = SectionLayout.FirstMismatch(xive, Shorter("endt"));
        Assert.NotNull(mismatch);
        Assert.Equal("endt", mismatch.Value.Field);
        // eat: sized by nr_irqs, which the stream carries (and QEMU checks with VMSTATE_UINT32_EQUAL).
        Assert.Null(SectionLayout.FirstMismatch(xive, Shorter("eat")));
        Assert.Null(SectionLayout.FirstMismatch(xive, xive));
    }

    [Theory]
    [InlineData("2026-12-03T15:16:11.376500Z qemu-system-ppc64: -device spapr-vty: Parameter 'reg' expects uint64", "-device spapr-vty: Parameter 'reg' expects uint64")]
    [InlineData("qemu-system-aarch64: load of migration failed: Invalid argument", "load of migration failed: Invalid argument")]
    [InlineData("Missing section footer for spapr-xive", "Missing section footer for spapr-xive")]
    public void QEMU_lines_lose_the_libvirt_timestamp_and_the_program_prefix(string line, string plain) =>
        Assert.Equal(plain, QemuMessages.Plain(line));
}
