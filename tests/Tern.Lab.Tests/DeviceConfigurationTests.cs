using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Lab.Installation;
using Tern.Lab.Profiles;
using Tern.Lab.Captures;
using Tern.Lab.Migration;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Lab.Tests;

/// <summary>
/// Real VMs: devices, vCPUs, memory devices and machine properties (issue 11). Each configuration is predicted from
/// captures — each end's own binary started paused with that end's options, nothing else — and judged by a real
/// migration between the two. A false "compatible" fails the test, as does an "incompatible" whose QEMU line is not
/// the one real QEMU printed; "undecidable" is allowed only between different QEMU versions (state Tern does not model,
/// such as a virtio payload, named in the verdict).
/// </summary>
public sealed class DeviceConfigurationTests
{
    private const string Pci = "-device virtio-net-pci,netdev=n0 -netdev user,id=n0 -device virtio-blk-pci,drive=d0 -drive if=none,id=d0,driver=null-co "
        + "-device virtio-scsi-pci -device virtio-rng-pci -device virtio-serial-pci -device virtio-balloon-pci";
    private const string Vio = "-device spapr-vscsi -device spapr-vlan,netdev=n1 -netdev user,id=n1";
    private const string Usb = "-device nec-usb-xhci -device usb-kbd";
    private const string Virt = "-device virtio-net-device,netdev=n0 -netdev user,id=n0 -device virtio-blk-device,drive=d0 -drive if=none,id=d0,driver=null-co -device virtio-rng-device";

    /// <summary>(from, to, arch, machine and CPU, source options, destination options).</summary>
    public static TheoryData<string, string, string, string, string, string> Cases => new()
    {
        { "10.0.13", "10.0.13", "ppc64", "pseries-10.0", $"{Pci} {Vio} {Usb}", $"{Pci} {Vio} {Usb}" },
        { "10.0.13", "10.0.13", "ppc64", "pseries-10.0", "-device virtio-net-pci,netdev=n0 -netdev user,id=n0", "" },
        { "10.0.13", "10.0.13", "ppc64", "pseries-10.0", "-device virtio-net-pci,netdev=n0,addr=5 -netdev user,id=n0", "-device virtio-net-pci,netdev=n0 -netdev user,id=n0" },
        { "10.0.13", "10.0.13", "ppc64", "pseries-10.0", "", "-device virtio-rng-pci" },
        { "10.0.13", "10.0.13", "ppc64", "pseries-10.0", "-device spapr-vlan,netdev=n1,id=a -netdev user,id=n1", "-device spapr-vlan,netdev=n1,id=b -netdev user,id=n1" },
        { "10.0.13", "10.0.13", "ppc64", "pseries-10.0", "-device virtio-rng-pci -device virtio-balloon-pci", "-device virtio-balloon-pci -device virtio-rng-pci" },
        { "10.0.13", "10.0.13", "ppc64", "pseries-10.0", "-smp 2", "-smp 1" },
        { "10.0.13", "10.0.13", "ppc64", "pseries-10.0", "-smp 1", "-smp 2" },
        { "10.0.13", "10.0.13", "ppc64", "pseries-10.0", "-smp 2", "-smp 2,cores=2" },
        { "10.0.13", "10.0.13", "ppc64", "pseries-10.0", "-m 512", "-m 256" },
        { "10.0.13", "10.0.13", "ppc64", "pseries-10.0", "-m 256,slots=2,maxmem=1G", "-m 256" },
        { "10.0.13", "10.0.13", "ppc64", "pseries-10.0", "-object memory-backend-ram,id=mem0,size=256M -machine memory-backend=mem0", "" },
        { "10.0.13", "10.0.13", "ppc64", "pseries-10.0", "-machine ic-mode=xics", "-machine ic-mode=xive" },
        { "10.0.2", "10.0.13", "ppc64", "pseries-10.0", $"{Pci} {Vio} {Usb}", $"{Pci} {Vio} {Usb}" },
        { "10.0.2", "10.0.13", "ppc64", "pseries-10.0", $"{Vio} {Usb}", $"{Vio} {Usb}" },
        { "10.0.13", "10.0.2", "ppc64", "pseries-10.0", $"{Vio} {Usb}", $"{Vio} {Usb}" },
        { "7.2", "10.0.13", "ppc64", "pseries-7.2 -cpu power9_v2.0", $"{Vio} {Usb}", $"{Vio} {Usb}" },
        { "7.2", "10.0.13", "ppc64", "pseries-7.2 -cpu power9_v2.0", $"{Pci}", $"{Pci}" },
        { "10.0.13", "10.0.13", "aarch64", "virt-10.0 -cpu cortex-a57", Virt, Virt },
        { "10.0.13", "10.0.13", "aarch64", "virt-10.0 -cpu cortex-a57", "-device virtio-net-device,netdev=n0 -netdev user,id=n0", "" },
        { "10.0.13", "10.0.13", "aarch64", "virt-10.0 -cpu cortex-a57", "-machine gic-version=2", "-machine gic-version=3" },
        { "10.0.13", "10.0.13", "aarch64", "virt-10.0 -cpu cortex-a57", "-smp 2", "-smp 1" },
        { "10.0.13", "10.0.13", "aarch64", "virt-10.0 -cpu cortex-a57", "-device qemu-xhci -device usb-kbd", "-device qemu-xhci -device usb-kbd" },
        { "10.0.2", "10.0.13", "aarch64", "virt-10.0 -cpu cortex-a57", "-device qemu-xhci -device usb-kbd", "-device qemu-xhci -device usb-kbd" },
        // virtio-iommu is version 1 in 5.2 and has minimum_version_id 2 from 6.0: 7.2 and 10.0.13 refuse 5.2's section
        // ("virtio-iommu: incoming version_id 1 is too old for local minimum version_id  2") before the cpu's cpregs.
        { "5.2", "5.2", "aarch64", "virt-5.2 -cpu cortex-a57", "-device virtio-iommu-pci", "-device virtio-iommu-pci" },
        { "5.2", "7.2", "aarch64", "virt-5.2 -cpu cortex-a57", "-device virtio-iommu-pci", "-device virtio-iommu-pci" },
        { "5.2", "10.0.13", "aarch64", "virt-5.2 -cpu max,pmu=off", "-device virtio-iommu-pci", "-device virtio-iommu-pci" },
    };

    private static readonly Predictor Predictor = new(KnowledgeBase.Default.With(new ConfigurationCapture(LabFixture.LabDir)));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Prediction_from_captured_configurations_matches_the_real_migration(string from, string to, string arch, string machine, string sourceOptions, string destinationOptions)
    {
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require(from, to);
        var src = Side(from, machine, sourceOptions);
        var dst = Side(to, machine, destinationOptions);
        var verdict = Predictor.Predict(HostSpecParser.FromArguments(from, src.Args), HostSpecParser.FromArguments(to, dst.Args));
        var real = (await MigrationRun.RunAsync(src, dst, new MigrationRunOptions { LabDir = LabFixture.LabDir, Arch = arch }, ct)).Forward;
        var firstError = real.Stderr.Select(Strip).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("warning:", StringComparison.Ordinal));
        var report = $"{from} → {to} {arch} {machine}: [{sourceOptions}] → [{destinationOptions}]\n  real: {real.Outcome} ({firstError})\n  predicted: {verdict.Kind}: "
            + string.Join(" | ", verdict.Findings.Where(f => f.Severity == Severity.Fatal).Select(f => $"{f.Code}: {string.Join(" / ", f.QemuError)}"))
            + string.Join(" | ", verdict.Missing) + "\n  real stderr: " + string.Join(" / ", real.Stderr.Select(Strip));
        TestContext.Current.TestOutputHelper?.WriteLine(report);

        Assert.True(real.Outcome is MigrationOutcome.Success or MigrationOutcome.LoadFailed or MigrationOutcome.DestinationCrashed, "the lab run itself failed:\n" + report);
        if (verdict.Kind == VerdictKind.Undecidable)
        {
            Assert.True(from != to, "the same build on both ends must be decided:\n" + report);
            return;
        }
        if (real.Outcome == MigrationOutcome.Success)
            Assert.True(verdict.Kind == VerdictKind.Compatible, "real QEMU migrated:\n" + report);
        else
            Assert.True(verdict.Kind == VerdictKind.Incompatible && firstError is not null && verdict.FirstFatal!.QemuError.Contains(firstError),
                "real QEMU refused (a false \"compatible\" is the worst answer):\n" + report);
    }

    [Theory]
    [InlineData("7.2", "cortex-a57")]
    [InlineData("10.0.13", "max,pmu=off")]
    public async Task A_section_below_the_destinations_minimum_version_is_refused_with_QEMUs_words(string to, string cpu)
    {
        // Given QEMU 5.2's virtio-iommu (VMSD version 1) and a destination whose -dump-vmstate says it loads virtio-iommu
        // only from version 2 (the embedded profile's dump; no stream shows a minimum)
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require("5.2", to);
        var src = Side("5.2", $"virt-5.2 -cpu {cpu}", "-device virtio-iommu-pci");
        var dst = Side(to, $"virt-5.2 -cpu {cpu}", "-device virtio-iommu-pci");

        // When Tern predicts the migration and real QEMU runs it
        var verdict = Predictor.Predict(HostSpecParser.FromArguments("5.2", src.Args), HostSpecParser.FromArguments(to, dst.Args));
        var real = (await MigrationRun.RunAsync(src, dst, new MigrationRunOptions { LabDir = LabFixture.LabDir, Arch = "aarch64" }, ct)).Forward;
        var firstError = real.Stderr.Select(Strip).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("warning:", StringComparison.Ordinal));

        // Then both stop at virtio-iommu, before the CPU's registers, with the same line
        Assert.Equal(MigrationOutcome.LoadFailed, real.Outcome);
        Assert.Equal(VerdictKind.Incompatible, verdict.Kind);
        Assert.Equal("section-version-too-old", verdict.FirstFatal!.Code);
        Assert.Equal(Tern.Rules.LoadRule.SectionVersion, Tern.Rules.RuleBook.Of(verdict.FirstFatal.Code));
        Assert.Equal(firstError, verdict.FirstFatal.QemuError[0]);
    }

    [Fact]
    public async Task Check_dry_run_puts_the_real_migration_beside_the_prediction()
    {
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require("10.0.13");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["check", "--json", "--dry-run",
            "--source", "qemu-10.0.13 -nodefaults -machine pseries-10.0 -smp 2 -device virtio-rng-pci",
            "--destination", "qemu-10.0.13 -nodefaults -machine pseries-10.0 -smp 1 -device virtio-rng-pci"], ct);
        Assert.True(exit == 1, $"exit {exit}: {stderr}\n{stdout}");
        using var doc = System.Text.Json.JsonDocument.Parse(stdout);
        var dry = doc.RootElement.GetProperty("dryRun");
        Assert.Equal("incompatible", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("load-failed", dry.GetProperty("outcome").GetString());
        Assert.Equal("Missing section footer for spapr-xive", dry.GetProperty("qemuError")[0].GetString());
        Assert.Equal("agree", dry.GetProperty("agreement").GetString());
    }

    /// <summary>
    /// The same judgement with the newest lab QEMU, which Tern knows only by profiling it here (sid: 11.1.3 today):
    /// devices between it and 10.0.13 on pseries-10.0, both ways.
    /// </summary>
    [Fact]
    public async Task Devices_between_10_0_13_and_the_unseen_release_match_real_migrations_both_ways()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = LabFixture.Require("10.0.13");
        var unseen = QemuInstallation.LoadAll(lab).Where(i => KnowledgeBase.Default.Find(i.Label) is null).ToList();
        Assert.True(unseen.Count > 0, $"no lab QEMU outside Tern's embedded knowledge under {lab}: run scripts/install-qemu-lab.sh sid (scripts/test.sh does)");
        var inst = unseen[^1];
        var dir = LabFixture.TempDir("unseen-devices");
        try
        {
            var profile = await HostProfiler.ProfileAsync(inst, new HostProfilerOptions { Arch = "ppc64", Machines = ["pseries-10.0"] }, ct);
            HostProfileFile.Write(profile, Path.Combine(dir, $"{inst.Label}-ppc64{HostProfileFile.Extension}"));
            var predictor = new Predictor(KnowledgeBase.Default.With(new ProfileSearch([], [(dir, "test")])).With(new ConfigurationCapture(LabFixture.LabDir)));
            var report = new List<string>();
            var wrong = 0;
            foreach (var (src, dst) in new[] { ("10.0.13", inst.Label), (inst.Label, "10.0.13") })
            {
                foreach (var (so, dso) in new[] { ($"{Vio} {Usb}", $"{Vio} {Usb}"), (Pci, Pci), ("-smp 2", "-smp 1"), ("-device virtio-rng-pci", "") })
                {
                    var s = Side(src, "pseries-10.0", so);
                    var d = Side(dst, "pseries-10.0", dso);
                    var verdict = predictor.Predict(HostSpecParser.FromArguments(src, s.Args), HostSpecParser.FromArguments(dst, d.Args));
                    var real = (await MigrationRun.RunAsync(s, d, new MigrationRunOptions { LabDir = LabFixture.LabDir, Arch = "ppc64" }, ct)).Forward;
                    var firstError = real.Stderr.Select(Strip).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("warning:", StringComparison.Ordinal));
                    var ok = verdict.Kind switch
                    {
                        VerdictKind.Undecidable => real.Outcome != MigrationOutcome.Error,
                        VerdictKind.Compatible => real.Outcome == MigrationOutcome.Success,
                        _ => real.Outcome is MigrationOutcome.LoadFailed or MigrationOutcome.DestinationCrashed && firstError is not null && verdict.FirstFatal!.QemuError.Contains(firstError),
                    };
                    if (!ok) wrong++;
                    report.Add($"{(ok ? "ok  " : "MISS")} {src} → {dst} [{so}] → [{dso}]: real {real.Outcome} ({firstError}); predicted {verdict.Kind} {verdict.FirstFatal?.Code}");
                }
            }
            foreach (var line in report) TestContext.Current.TestOutputHelper?.WriteLine(line);
            Assert.True(wrong == 0, string.Join("\n", report));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static TheoryData<string, string> LibvirtCommandLines => new()
    {
        { "ppc64-web1.args", "10.0.2" },
        { "aarch64-db1.args", "10.0.2" },
    };

    /// <summary>
    /// Command lines as libvirt writes them (JSON -device/-blockdev/-netdev/-object, fds, sockets, -msg timestamp=on):
    /// the same VM on the same build is compatible, decided by captures, with every state-bearing option captured and
    /// none ignored; to another build the prediction agrees with the real migration (--dry-run), as .args and as a
    /// /proc/PID/cmdline copy.
    /// </summary>
    [Theory]
    [MemberData(nameof(LibvirtCommandLines))]
    public async Task Libvirt_command_lines_are_judged_whole_and_agree_with_real_QEMU(string file, string other)
    {
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require("10.0.13", other);
        var args = Path.Combine(LabFixture.FixturesDir, "cmdlines", file);
        var proc = Path.Combine(LabFixture.TempDir("cmdline"), "cmdline");
        await File.WriteAllBytesAsync(proc, System.Text.Encoding.UTF8.GetBytes(string.Join('\0', CommandLineFile.Read(args).Arguments) + "\0"), ct);

        var same = await CliProcess.RunAsync(["check", "--json", "--source", "qemu-10.0.13", "--source-cmdline", args, "--destination", "qemu-10.0.13", "--destination-cmdline", proc], ct);
        Assert.True(same.Exit == 0, $"exit {same.Exit}: {same.Stderr}\n{same.Stdout}");
        using (var doc = System.Text.Json.JsonDocument.Parse(same.Stdout))
        {
            var ignored = doc.RootElement.GetProperty("source").GetProperty("ignored").EnumerateArray().Select(e => e.GetString()!).ToList();
            foreach (var stateful in new[] { "-device", "-blockdev", "-netdev", "-object", "-drive", "-machine", "-smp", "-m ", "-serial" })
                Assert.DoesNotContain(ignored, i => i.StartsWith(stateful, StringComparison.Ordinal));
            Assert.Equal("compatible", doc.RootElement.GetProperty("verdict").GetString());
        }

        var cross = await CliProcess.RunAsync(["check", "--json", "--dry-run", "--source", "qemu-10.0.13", "--source-cmdline", args, "--destination", "qemu-" + other, "--destination-cmdline", args], ct);
        Assert.True(cross.Exit is 1 or 3, $"exit {cross.Exit} (4 is a disagreement with real QEMU): {cross.Stderr}\n{cross.Stdout}");
        using var crossDoc = System.Text.Json.JsonDocument.Parse(cross.Stdout);
        var agreement = crossDoc.RootElement.GetProperty("dryRun").GetProperty("agreement").GetString();
        TestContext.Current.TestOutputHelper?.WriteLine(cross.Stdout);
        Assert.True(agreement is "agree" or "unpredicted", cross.Stdout);
        Directory.Delete(Path.GetDirectoryName(proc)!, recursive: true);
    }

    private static MigrationSide Side(string qemu, string machine, string options)
    {
        var args = new List<string>(MigrationSide.BaseArgs) { "-machine" };
        args.AddRange(machine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (!options.Contains("-m ", StringComparison.Ordinal)) args.AddRange(["-m", "256"]);
        args.AddRange(options.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return new MigrationSide(qemu, args);
    }

    // "qemu-system-ppc64: text" → "text".
    private static string Strip(string line)
    {
        var at = line.IndexOf(": ", StringComparison.Ordinal);
        return line.StartsWith("qemu-system-", StringComparison.Ordinal) && at > 0 ? line[(at + 2)..] : line;
    }
}
