using Tern.Platforms;
using Tern.Predict;

namespace Tern.Fleet;

/// <summary>
/// Plans a fleet: for every VM, every other host of its target judged by the engine of <c>tern check</c> both ways,
/// a verified suggestion and machine-type lifecycle notes. VMs with the same migration-relevant configuration on the
/// same class of host are planned once (<see cref="FleetJudge"/>), so the work grows with the number of distinct
/// configurations and host classes, not with VMs × hosts.
/// </summary>
public sealed class FleetPlanner(Predictor predictor)
{
    private readonly FleetJudge _judge = new(predictor);

    /// <summary>Whether to search a suggestion for VMs that cannot reach every host (default true).</summary>
    public bool Suggest { get; init; } = true;

    /// <summary>How many classes are planned at once (default: one per core).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The judge this planner asks (its cache is shared by every plan of this planner).</summary>
    public FleetJudge Judge => _judge;

    /// <summary>Plans <paramref name="inventory"/> on <paramref name="hosts"/> (from <see cref="FleetHosts.Resolve"/>).</summary>
    public FleetPlan Plan(Inventory inventory, IReadOnlyList<FleetHost> hosts)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(hosts);
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < hosts.Count; i++) byName[hosts[i].Name] = i;
        // Host classes, and per target the hosts in inventory order with their class.
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var classes = new List<FleetHost>();
        var classOf = new int[hosts.Count];
        for (var i = 0; i < hosts.Count; i++)
        {
            if (!classIndex.TryGetValue(hosts[i].ClassKey, out var c))
            {
                c = classes.Count;
                classIndex[hosts[i].ClassKey] = c;
                classes.Add(hosts[i]);
            }
            classOf[i] = c;
        }
        var arches = hosts.Select(h => h.Architecture).Distinct().ToDictionary(a => a, a =>
        {
            var members = Enumerable.Range(0, hosts.Count).Where(i => hosts[i].Architecture == a).ToArray();
            return new ArchHosts(members.Select(i => hosts[i]).ToArray(), members.Select(i => classOf[i]).ToArray(), members);
        });
        // VMs grouped by (configuration class, host class).
        var optionsByKey = new Dictionary<string, (HostSpec Options, string Key)>(StringComparer.Ordinal);
        var groups = new Dictionary<(string Vm, int Host), Group>();
        var vmGroup = new Group[inventory.Vms.Count];
        var vmOwn = new int[inventory.Vms.Count];
        for (var v = 0; v < inventory.Vms.Count; v++)
        {
            var vm = inventory.Vms[v];
            var parsed = VmOptions.Of(vm);
            var key = VmOptions.ClassKey(parsed);
            if (!optionsByKey.TryGetValue(key, out var o)) optionsByKey[key] = o = (parsed, key);
            var h = byName[vm.Host];
            if (!groups.TryGetValue((key, classOf[h]), out var g))
                groups[(key, classOf[h])] = g = new Group(o.Options, o.Key, classOf[h], arches[hosts[h].Architecture]);
            vmGroup[v] = g;
            vmOwn[v] = Array.IndexOf(g.Arch.Members, h);
        }
        Parallel.ForEach(groups.Values, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Parallelism) }, g => Solve(g, classes));
        var plans = new VmPlan[inventory.Vms.Count];
        for (var v = 0; v < plans.Length; v++)
        {
            var g = vmGroup[v];
            var targets = new PlanTargets(g.Arch.Hosts, g.Arch.Classes, vmOwn[v], g.Forward!, g.Back!);
            var own = inventory.Vms[v].Host;
            // A class's hosts include the VM's own host: it is not opened to itself.
            var suggestion = g.Suggestion is { } s && s.Opened.Contains(own) ? s with { Opened = s.Opened.Where(n => n != own).ToList() } : g.Suggestion;
            plans[v] = new VmPlan(inventory.Vms[v].Name, own, targets, suggestion, g.Lifecycle!);
        }
        var pairs = inventory.Vms.Sum(vm => (long)arches[hosts[byName[vm.Host]].Architecture].Hosts.Length - 1);
        return new FleetPlan(hosts, plans, new PlanStatistics(pairs, optionsByKey.Count, classes.Count, _judge.EngineCalls));
    }

    private sealed record ArchHosts(FleetHost[] Hosts, int[] Classes, int[] Members);

    private sealed class Group(HostSpec options, string key, int hostClass, ArchHosts arch)
    {
        public HostSpec Options { get; } = options;
        public string Key { get; } = key;
        public int HostClass { get; } = hostClass;
        public ArchHosts Arch { get; } = arch;
        public Verdict[]? Forward { get; set; }
        public Verdict[]? Back { get; set; }
        public PlanSuggestion? Suggestion { get; set; }
        public IReadOnlyList<LifecycleNote>? Lifecycle { get; set; }
    }

    private void Solve(Group g, List<FleetHost> classes)
    {
        var source = classes[g.HostClass];
        var forward = new Verdict[classes.Count];
        var back = new Verdict[classes.Count];
        var targetClasses = g.Arch.Classes.Distinct().ToList();
        foreach (var c in targetClasses)
        {
            forward[c] = _judge.Judge(g.Options, g.Key, source, classes[c]);
            back[c] = _judge.Judge(g.Options, g.Key, classes[c], source);
        }
        g.Forward = forward;
        g.Back = back;
        g.Lifecycle = MachineLifecycleCheck.For(g.Options, g.Arch.Hosts);
        if (!Suggest) return;
        // Each class stands for its hosts; the VM's own host is not a target.
        var targets = targetClasses.Select(c =>
        {
            var names = Enumerable.Range(0, g.Arch.Hosts.Length).Where(i => g.Arch.Classes[i] == c).Select(i => g.Arch.Hosts[i].Name).ToList();
            var count = names.Count - (c == g.HostClass ? 1 : 0);
            return (Class: c, Host: classes[c], Count: count, Names: (IReadOnlyList<string>)names);
        }).Where(t => t.Count > 0).ToList();
        var current = targets.Select(t => forward[t.Class]).ToList();
        g.Suggestion = SuggestionSearch.Find(_judge, g.Options, source, targets.Select(t => (t.Host, t.Count, t.Names)).ToList(), current);
    }
}
