using Tern.Platforms;
using Tern.Platforms.Machines;
using Tern.Predict;

namespace Tern.Fleet;

/// <summary>
/// The safest common configuration of a set of hosts: machine types every host registers, newest first; for each,
/// the CPU choices the knowledge offers (the machine's default CPU, POWER compat modes every host knows, newest first,
/// CPU models every host has real streams for); then spapr cap settings named by what still blocks. Each candidate is
/// checked pairwise with the engine of <c>tern check</c>, every ordered pair. The first that migrates both ways wins;
/// when none does, the first that migrates from older to newer QEMU is reported as one-way.
/// </summary>
public sealed class BaselineFinder(FleetJudge judge)
{
    /// <summary>The accelerator the baseline is checked for (default TCG).</summary>
    public Accelerator Accelerator { get; init; } = Accelerator.Tcg;

    /// <summary>How many candidates are checked at once (default: one per core).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Finds the baseline of <paramref name="hosts"/> (one target; at least two hosts).</summary>
    public BaselineResult Find(IReadOnlyList<FleetHost> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        if (hosts.Count < 2) throw new ArgumentException("a baseline needs at least two hosts");
        var arch = hosts[0].Architecture;
        if (hosts.Any(h => h.Architecture != arch)) throw new ArgumentException("a baseline is for hosts of one target: give --arch");
        var ordered = hosts.OrderBy(h => h.Profile.Version).ToList();
        var tried = 0;
        (Candidate C, List<BaselinePair> Pairs)? oneWay = null;
        var candidates = Candidates(hosts, arch).ToList();
        // Candidates are checked a chunk at a time on every core, then read in order: the first that round-trips wins.
        var chunk = Math.Max(1, 2 * Parallelism);
        for (var start = 0; start < candidates.Count; start += chunk)
        {
            var slice = candidates.Skip(start).Take(chunk).ToList();
            var checks = new (bool ForwardOk, List<BaselinePair> Pairs, List<Finding> Blockers)[slice.Count];
            Parallel.For(0, slice.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism) }, i => checks[i] = Check(slice[i], ordered));
            for (var i = 0; i < slice.Count; i++)
            {
                var c = slice[i];
                tried++;
                var (forwardOk, pairs, blockers) = checks[i];
                if (!forwardOk) continue;
                if (pairs.All(p => p.Verdict.Kind == VerdictKind.Compatible)) return Result(c, hosts, pairs, true, tried);
                oneWay ??= (c, pairs);
                // What still blocks the way back may be a cap: try each level of the caps it names, verified the same way.
                foreach (var capped in CapCandidates(c, blockers, Targets.Target.For(arch)))
                {
                    tried++;
                    var (ok, capPairs, _) = Check(capped, ordered);
                    if (ok && capPairs.All(p => p.Verdict.Kind == VerdictKind.Compatible)) return Result(capped, hosts, capPairs, true, tried);
                }
            }
        }
        if (oneWay is { } w) return Result(w.C, hosts, w.Pairs, false, tried);
        return new BaselineResult(null, false, "none", null, null, null, new Dictionary<string, string>(), Reports(hosts, null), [], tried);
    }

    private sealed record Candidate(string Machine, string? Cpu, string? Compat, IReadOnlyDictionary<string, string> Caps, string? CompatProperty)
    {
        public string Options(Accelerator accel)
        {
            var machine = string.Join(',', new[] { Machine }.Concat(Compat is null ? [] : [$"{CompatProperty}={Compat}"]).Concat(Caps.Select(p => $"{p.Key}={p.Value}")));
            return $"-machine {machine}" + (Cpu is null ? "" : $" -cpu {Cpu}") + (accel == Accelerator.Kvm ? " -accel kvm" : " -accel tcg");
        }
    }

    // Older-to-newer pairs (and same-version ones) first: a candidate that cannot even upgrade is dropped early.
    private (bool ForwardOk, List<BaselinePair> Pairs, List<Finding> Blockers) Check(Candidate c, List<FleetHost> ordered)
    {
        var options = HostSpecParser.Parse("0.0 " + c.Options(Accelerator));
        var key = VmOptions.ClassKey(options);
        var pairs = new List<BaselinePair>();
        var blockers = new List<Finding>();
        for (var i = 0; i < ordered.Count; i++)
            for (var j = 0; j < ordered.Count; j++)
            {
                if (i == j || ordered[i].Profile.Version > ordered[j].Profile.Version) continue;
                var v = judge.Judge(options, key, ordered[i], ordered[j]);
                pairs.Add(new BaselinePair(ordered[i].Name, ordered[j].Name, v));
                if (v.Kind != VerdictKind.Compatible) return (false, pairs, blockers);
            }
        for (var i = 0; i < ordered.Count; i++)
            for (var j = 0; j < ordered.Count; j++)
            {
                if (ordered[i].Profile.Version <= ordered[j].Profile.Version) continue;
                var v = judge.Judge(options, key, ordered[i], ordered[j]);
                pairs.Add(new BaselinePair(ordered[i].Name, ordered[j].Name, v));
                blockers.AddRange(v.Findings.Where(f => f.Severity == Severity.Fatal));
            }
        return (true, pairs, blockers);
    }

    private static IEnumerable<Candidate> Candidates(IReadOnlyList<FleetHost> hosts, Architecture arch)
    {
        var family = arch.MachineFamily();
        var target = Targets.Target.For(arch);
        var machines = hosts.Select(h => h.Arch.Machines.Keys.ToHashSet(StringComparer.Ordinal))
            .Aggregate((a, b) => { a.IntersectWith(b); return a; })
            .Select(MachineType.TryParse).Where(m => m is { Suffix: null } && m.Value.Family == family).Select(m => m!.Value)
            .OrderByDescending(m => m.Major).ThenByDescending(m => m.Minor).ToList();
        var oldest = hosts.Min(h => h.Profile.Version);
        var none = new Dictionary<string, string>();
        foreach (var m in machines)
        {
            var name = m.ToString();
            var defaults = hosts.Select(h => h.Arch.Machines.GetValueOrDefault(name) ?? "").Distinct().ToList();
            var defaultCpu = defaults.Count == 1 && defaults[0].Length > 0 && hosts.All(h => h.Arch.ResolveCpu(defaults[0]) is not null) ? defaults[0] : null;
            yield return new Candidate(name, defaultCpu, null, none, target.CompatModeProperty);
            foreach (var mode in target.CompatModes(oldest))
                yield return new Candidate(name, defaultCpu, mode, none, target.CompatModeProperty);
            foreach (var cpu in CommonStreamCpus(hosts, family).Where(c => c != defaultCpu))
                yield return new Candidate(name, cpu, null, none, target.CompatModeProperty);
        }
    }

    // CPU models every host knows and at least one host has a real stream of (its templates): data, not a list in code.
    private static List<string> CommonStreamCpus(IReadOnlyList<FleetHost> hosts, string family) =>
        hosts.SelectMany(h => h.Profile.Templates.Where(t => t.Source.Machine?.StartsWith(family, StringComparison.Ordinal) == true && t.Source.Cpu is not null)
                .Select(t => h.Arch.ResolveCpu(t.Source.Cpu!)))
            .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(c => hosts.All(h => h.Arch.ResolveCpu(c) is not null)).ToList();

    // The properties the blockers name, in the order they are named, each at every value its target tries.
    private static IEnumerable<Candidate> CapCandidates(Candidate c, List<Finding> blockers, Targets.ITarget target)
    {
        var caps = blockers.SelectMany(f => target.TunableProperties.Where(p => f.Evidence.Field == p.Property || (p.Subsection is not null && f.Evidence.Subsection == p.Subsection))).Distinct().ToList();
        foreach (var cap in caps)
            foreach (var value in cap.Values)
            {
                var d = new Dictionary<string, string>(c.Caps, StringComparer.Ordinal) { [cap.Property] = value };
                yield return c with { Caps = d };
            }
    }

    private BaselineResult Result(Candidate c, IReadOnlyList<FleetHost> hosts, List<BaselinePair> pairs, bool roundTrip, int tried) =>
        new(c.Options(Accelerator), roundTrip, roundTrip ? "both" : "older-to-newer", c.Machine, c.Cpu, c.Compat, c.Caps, Reports(hosts, c), pairs, tried);

    private static List<BaselineHostReport> Reports(IReadOnlyList<FleetHost> hosts, Candidate? c) => hosts.Select(h =>
    {
        var defMachine = h.Arch.ResolveMachine(null);
        var defCpu = defMachine is not null && h.Arch.Machines.TryGetValue(defMachine, out var dc) && dc.Length > 0 ? dc : null;
        var gives = new List<string>();
        if (c is not null)
        {
            if (defMachine is not null && defMachine != c.Machine) gives.Add($"machine type {defMachine} → {c.Machine}");
            if (c.Cpu is not null && defCpu is not null && h.Arch.ResolveCpu(c.Cpu) != h.Arch.ResolveCpu(defCpu)) gives.Add($"CPU model {defCpu} → {c.Cpu}");
            if (c.Compat is not null) gives.Add($"the guest sees a {c.Compat} CPU ({c.CompatProperty}={c.Compat})");
            if (defMachine is not null)
                gives.AddRange(Targets.Target.For(h.Architecture).MachineTypeChangeEffects(h.Profile.Version, defMachine, c.Machine, c.Caps));
            foreach (var (k, v) in c.Caps) gives.Add($"{k}={v} set explicitly");
        }
        return new BaselineHostReport(h.Name, h.Label, defMachine, defCpu, gives);
    }).ToList();
}
