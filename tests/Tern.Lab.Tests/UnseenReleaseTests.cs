using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Lab.Captures;
using Tern.Lab.Installation;
using Tern.Lab.Migration;
using Tern.Lab.Profiles;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Lab.Tests;

/// <summary>
/// The loop from "a new QEMU exists" to "Tern predicts it": a lab QEMU that Tern's embedded knowledge does not have
/// (scripts/install-qemu-lab.sh sid: 11.1.3 today) is profiled with the real binary, and Tern's predictions from that
/// profile are judged by real migrations to and from it. The profile holds no migration outcome: only what the bare
/// binary says about itself.
/// </summary>
public sealed class UnseenReleaseTests
{
    private const string Known = "10.0.13";

    private static QemuInstallation Unseen()
    {
        var lab = LabFixture.Require(Known);
        var unseen = QemuInstallation.LoadAll(lab).Where(i => KnowledgeBase.Default.Find(i.Label) is null).ToList();
        if (unseen.Count == 0)
            Assert.Fail($"no lab QEMU outside Tern's embedded knowledge under {lab}: run scripts/install-qemu-lab.sh sid (scripts/test.sh does)");
        return unseen[^1];
    }

    public static TheoryData<string> Arches => ["ppc64", "aarch64"];

    [Theory]
    [MemberData(nameof(Arches))]
    public async Task Predictions_from_a_profile_of_an_unseen_QEMU_match_real_migrations_both_ways(string arch)
    {
        var ct = TestContext.Current.CancellationToken;
        var inst = Unseen();
        var dir = LabFixture.TempDir("unseen");
        try
        {
            var profile = await HostProfiler.ProfileAsync(inst, new HostProfilerOptions { Arch = arch }, ct);
            HostProfileFile.Write(profile, Path.Combine(dir, $"{inst.Label}-{arch}{HostProfileFile.Extension}"));
            var knowledge = KnowledgeBase.Default.With(new ProfileSearch([], [(dir, "test")]));
            var predictor = new Predictor(knowledge);

            // Machine types both builds register: the newest common one and the oldest the known build has.
            var family = arch == "ppc64" ? "pseries" : "virt";
            var known = KnowledgeBase.Default.Find(Known)!.For(arch == "ppc64" ? Architecture.Ppc64 : Architecture.Aarch64)!;
            var common = profile.Machines.Select(m => m.Name).Where(known.Machines.ContainsKey).Where(n => n.StartsWith(family + "-", StringComparison.Ordinal))
                .OrderBy(n => n, VersionLabelComparer.Instance).ToList();
            Assert.True(common.Count >= 2, $"common machine types: {string.Join(", ", common)}");
            IReadOnlyList<(string Machine, string? Cpu)> configs = arch == "ppc64"
                ? [(common[^1], null), (common[0], null), (common[^1], "power9_v2.2"), (common[^1], "power10"), (common[0], "power8")]
                : [(common[^1], "cortex-a57"), (common[0], "cortex-a57"), (common[^1], "max"), (common[^1], "neoverse-n1")];

            var report = new List<string>();
            var mismatches = 0;
            foreach (var (machine, cpu) in configs)
            {
                foreach (var (from, to) in new[] { (Known, inst.Label), (inst.Label, Known) })
                {
                    var src = MigrationSide.Create(from, machine, cpu);
                    var dst = MigrationSide.Create(to, machine, cpu);
                    var verdict = predictor.Predict(HostSpecParser.FromArguments(from, src.Args), HostSpecParser.FromArguments(to, dst.Args));
                    var real = (await MigrationRun.RunAsync(src, dst, new MigrationRunOptions { LabDir = LabFixture.LabDir, Arch = arch }, ct)).Forward;
                    var firstError = real.Stderr.Select(Strip).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("warning:", StringComparison.Ordinal));
                    // A crash's first line carries the source line number of QEMU's assertion: the rule is what must match.
                    var ok = real.Outcome switch
                    {
                        MigrationOutcome.Success => verdict.Kind == VerdictKind.Compatible,
                        MigrationOutcome.DestinationCrashed => verdict.Kind == VerdictKind.Incompatible && verdict.FirstFatal!.Code == "subsection-null-pointer",
                        _ => verdict.Kind == VerdictKind.Incompatible && firstError is not null && verdict.FirstFatal!.QemuError.Contains(firstError),
                    };
                    if (!ok) mismatches++;
                    report.Add($"{(ok ? "ok  " : "MISS")} {from} → {to} {machine} {cpu ?? "(default)"}: real {real.Outcome} ({firstError}); predicted {verdict.Kind}: "
                        + string.Join(" | ", verdict.Findings.Where(f => f.Severity == Severity.Fatal).Select(f => $"{f.Code}: {string.Join(" / ", f.QemuError)}"))
                        + string.Join(" | ", verdict.Missing) + (ok ? "" : "\n      real stderr: " + string.Join(" / ", real.Stderr.Select(Strip))));
                }
            }
            foreach (var line in report) TestContext.Current.TestOutputHelper?.WriteLine(line);
            Assert.True(mismatches == 0, string.Join("\n", report));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task An_unseen_release_refuses_a_section_below_its_minimum_in_its_chained_words()
    {
        // Given QEMU 5.2's virtio-iommu (VMSD version 1) and the unseen release (minimum 2 since 6.0), which chains its
        // load errors into one line (10.2+) and prints one space before the minimum where 10.1 printed two
        var ct = TestContext.Current.CancellationToken;
        var inst = Unseen();
        LabFixture.Require("5.2");
        var dir = LabFixture.TempDir("unseen-minimum");
        try
        {
            var profile = await HostProfiler.ProfileAsync(inst, new HostProfilerOptions { Arch = "aarch64", Machines = ["virt-5.2"], Cpus = ["cortex-a57"] }, ct);
            HostProfileFile.Write(profile, Path.Combine(dir, $"{inst.Label}-aarch64{HostProfileFile.Extension}"));
            var predictor = new Predictor(KnowledgeBase.Default.With(new ProfileSearch([], [(dir, "test")])).With(new ConfigurationCapture(LabFixture.LabDir)));
            string[] options = [.. MigrationSide.BaseArgs, "-machine", "virt-5.2", "-m", "256", "-cpu", "cortex-a57", "-device", "virtio-iommu-pci"];
            var src = new MigrationSide("5.2", options);
            var dst = new MigrationSide(inst.Label, options);

            // When Tern predicts the migration and real QEMU runs it
            var verdict = predictor.Predict(HostSpecParser.FromArguments("5.2", src.Args), HostSpecParser.FromArguments(inst.Label, dst.Args));
            var real = (await MigrationRun.RunAsync(src, dst, new MigrationRunOptions { LabDir = LabFixture.LabDir, Arch = "aarch64" }, ct)).Forward;
            var firstError = real.Stderr.Select(Strip).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("warning:", StringComparison.Ordinal));

            // Then both stop at virtio-iommu with the same one line
            Assert.Equal(MigrationOutcome.LoadFailed, real.Outcome);
            Assert.Equal("section-version-too-old", verdict.FirstFatal?.Code);
            Assert.Equal(firstError, verdict.FirstFatal!.QemuError[0]);
            Assert.Contains("is too old for local minimum version_id 2", firstError, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // Pairs on the unseen build alone that its load refuses: 10.2+ chains the causes into one last line (post_load hooks
    // name the destination VMSD's version_id and minimum_version_id). Before, Tern printed 10.1's lines and
    // check --dry-run said DISAGREES for the PVR, read-back and machine type pairs.
    public static TheoryData<string, string, string, string, string, string> Refusals => new()
    {
        { "ppc64", "pseries-10.0", "power9_v2.0,power9_v2.2", "-machine pseries-10.0 -cpu power9_v2.0", "-machine pseries-10.0 -cpu power9_v2.2", "ppc-pvr-mismatch" },
        { "ppc64", "pseries-10.0", "power9_v2.2", "-machine pseries-10.0,cap-cfpc=workaround", "-machine pseries-10.0,cap-cfpc=broken", "spapr-cap-level" },
        { "ppc64", "pseries-10.0", "power9_v2.2,power10", "-machine pseries-10.0,max-cpu-compat=power10 -cpu power10", "-machine pseries-10.0 -cpu power9_v2.2", "ppc-compat-unsupported" },
        { "ppc64", "pseries-9.2,pseries-10.0", "power9_v2.2", "-machine pseries-10.0", "-machine pseries-9.2", "machine-type-mismatch" },
        { "ppc64", "pseries-10.0", "power9_v2.2", "-machine pseries-10.0 -m 512", "-machine pseries-10.0 -m 256", "ram-size-mismatch" },
        { "aarch64", "virt-10.0", "cortex-a57,cortex-a53", "-machine virt-10.0 -cpu cortex-a57", "-machine virt-10.0 -cpu cortex-a53", "arm-cpreg-readback" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refusal_on_an_unseen_release_is_predicted_in_its_chained_words(string arch, string machines, string cpus, string source, string destination, string code)
    {
        var ct = TestContext.Current.CancellationToken;
        var inst = Unseen();
        var dir = LabFixture.TempDir("unseen-post-load");
        try
        {
            var profile = await HostProfiler.ProfileAsync(inst, new HostProfilerOptions { Arch = arch, Machines = machines.Split(','), Cpus = cpus.Split(',') }, ct);
            HostProfileFile.Write(profile, Path.Combine(dir, $"{inst.Label}-{arch}{HostProfileFile.Extension}"));
            var predictor = new Predictor(KnowledgeBase.Default.With(new ProfileSearch([], [(dir, "test")])));
            var src = new MigrationSide(inst.Label, [.. MigrationSide.BaseArgs, .. (source.Contains("-m ", StringComparison.Ordinal) ? source : source + " -m 256").Split(' ')]);
            var dst = new MigrationSide(inst.Label, [.. MigrationSide.BaseArgs, .. (destination.Contains("-m ", StringComparison.Ordinal) ? destination : destination + " -m 256").Split(' ')]);

            var verdict = predictor.Predict(HostSpecParser.FromArguments(inst.Label, src.Args), HostSpecParser.FromArguments(inst.Label, dst.Args));
            var real = (await MigrationRun.RunAsync(src, dst, new MigrationRunOptions { LabDir = LabFixture.LabDir, Arch = arch }, ct)).Forward;
            var chain = real.Stderr.Select(Strip).Last(l => l.StartsWith("load of migration failed", StringComparison.Ordinal));

            Assert.Equal(MigrationOutcome.LoadFailed, real.Outcome);
            Assert.Equal(code, verdict.FirstFatal?.Code);
            Assert.Equal(chain, verdict.FirstFatal!.QemuError[^1]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // "qemu-system-ppc64: text" → "text".
    private static string Strip(string line)
    {
        var at = line.IndexOf(": ", StringComparison.Ordinal);
        return line.StartsWith("qemu-system-", StringComparison.Ordinal) && at > 0 ? line[(at + 2)..] : line;
    }
}
