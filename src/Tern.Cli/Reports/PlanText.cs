using System.Globalization;
using Spectre.Console;
using Tern.Fleet;
using Tern.Predict;

namespace Tern.Cli.Reports;

/// <summary>
/// <c>tern plan</c> on a terminal: per VM a table of its targets grouped as migrates / blocked (first fatal finding
/// and its remedy) / undecidable, with the way back, the verified suggestion and lifecycle notes; then a hosts × VMs
/// summary (counts per VM when the fleet is too large for a grid).
/// </summary>
internal static class PlanText
{
    /// <summary>Largest grid drawn cell by cell; larger fleets get counts per VM.</summary>
    public const int GridHosts = 24;
    private const int NamesShown = 6;

    public static void Write(IAnsiConsole console, FleetPlan plan, bool summaryOnly = false)
    {
        if (!summaryOnly)
            foreach (var vm in plan.Vms) WriteVm(console, vm);
        WriteSummary(console, plan);
    }

    public static void WriteVm(IAnsiConsole console, VmPlan vm)
    {
        var table = new Table().Title($"[bold]{Markup.Escape(vm.Name)}[/] on {Markup.Escape(vm.Host)}").AddColumns("", "hosts", "way back", "first reason / remedy");
        if (vm.Targets.Count == 0) table.AddRow("", "(no other host of its target)", "", "");
        foreach (var group in Groups(vm))
        {
            var (kind, back, blocker, hosts, missing) = group;
            var label = kind switch
            {
                VerdictKind.Compatible => "[green]migrates[/]",
                VerdictKind.Incompatible => "[red]blocked[/]",
                _ => "[yellow]undecidable[/]",
            };
            var reason = blocker is { } f
                ? $"{Markup.Escape(f.Code)}: {Markup.Escape(f.Message)}" + (f.Remedy is { } r ? $"\n[dim]remedy: {Markup.Escape(r)}[/]" : "")
                : missing is { } m ? $"[dim]{Markup.Escape(m)}[/]" : "";
            table.AddRow(label, Markup.Escape(Names(hosts)), Back(back), reason);
        }
        console.Write(table);
        if (vm.Suggestion is { } s)
            console.MarkupLine($"  [bold]suggestion[/] ({Markup.Escape(s.Description)}): [bold]{Markup.Escape(s.Option)}[/] — migrates to {s.CompatibleAfter} hosts instead of {s.CompatibleBefore} (opens {Markup.Escape(Names(s.Opened))}; verified by the engine)");
        foreach (var n in vm.Lifecycle) console.MarkupLine($"  [yellow]lifecycle[/]: {Markup.Escape(n.Message)}");
    }

    private static IEnumerable<(VerdictKind Kind, VerdictKind Back, Finding? Blocker, List<string> Hosts, string? Missing)> Groups(VmPlan vm)
    {
        // Targets of one class share their verdict objects: group by reference first (cheap for thousands of hosts),
        // then merge the groups whose kinds and first reason read the same.
        var byVerdicts = new Dictionary<(Verdict, Verdict), List<string>>(VerdictPairComparer.Instance);
        foreach (var t in vm.Targets)
        {
            if (!byVerdicts.TryGetValue((t.Verdict, t.Back), out var hosts)) byVerdicts[(t.Verdict, t.Back)] = hosts = [];
            hosts.Add(t.Host);
        }
        var groups = new Dictionary<(VerdictKind, VerdictKind, string), (VerdictKind, VerdictKind, Finding?, List<string>, string?)>();
        foreach (var ((there, back), hosts) in byVerdicts)
        {
            var blocker = there.Findings.FirstOrDefault(f => f.Severity == Severity.Fatal);
            var missing = there.Kind == VerdictKind.Undecidable ? there.Missing.FirstOrDefault() : null;
            var key = (there.Kind, back.Kind, blocker is null ? missing ?? "" : blocker.Code + "\u001f" + blocker.Message);
            if (!groups.TryGetValue(key, out var g)) groups[key] = g = (there.Kind, back.Kind, blocker, [], missing);
            g.Item4.AddRange(hosts);
        }
        return groups.Values.OrderBy(g => g.Item1 switch { VerdictKind.Compatible => 0, VerdictKind.Incompatible => 1, _ => 2 }).ThenBy(g => g.Item2);
    }

    private sealed class VerdictPairComparer : IEqualityComparer<(Verdict, Verdict)>
    {
        public static readonly VerdictPairComparer Instance = new();

        public bool Equals((Verdict, Verdict) x, (Verdict, Verdict) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((Verdict, Verdict) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2));
    }

    private static string Back(VerdictKind k) => k switch
    {
        VerdictKind.Compatible => "[green]can come back[/]",
        VerdictKind.Incompatible => "[red]one way[/]",
        _ => "[yellow]undecidable[/]",
    };

    public static string Names(IReadOnlyList<string> names) =>
        names.Count <= NamesShown ? string.Join(", ", names) : $"{string.Join(", ", names.Take(NamesShown))} and {(names.Count - NamesShown).ToString(CultureInfo.InvariantCulture)} more";

    public static void WriteSummary(IAnsiConsole console, FleetPlan plan)
    {
        var st = plan.Statistics;
        console.MarkupLine($"[bold]Fleet[/]: {plan.Vms.Count} VMs, {plan.Hosts.Count} hosts, {st.Pairs.ToString("N0", CultureInfo.InvariantCulture)} VM × host pairs judged both ways; {st.VmClasses} distinct VM configurations, {st.HostClasses} host classes, {st.EngineCalls} engine predictions");
        if (plan.Hosts.Count <= GridHosts && plan.Vms.Count <= 200)
        {
            var grid = new Table().Title("hosts × VMs ([green]✓[/] migrates and comes back, [green]→[/] one way only, [red]✗[/] blocked, [yellow]?[/] undecidable, ● runs here)");
            grid.AddColumn("VM");
            foreach (var h in plan.Hosts) grid.AddColumn(new TableColumn(Markup.Escape(h.Name)).Centered());
            foreach (var vm in plan.Vms)
            {
                var byHost = vm.Targets.ToDictionary(t => t.Host, StringComparer.Ordinal);
                var cells = new List<string> { Markup.Escape(vm.Name) };
                foreach (var h in plan.Hosts)
                    cells.Add(h.Name == vm.Host ? "●" : byHost.TryGetValue(h.Name, out var t) ? Cell(t) : "");
                grid.AddRow(cells.ToArray());
            }
            console.Write(grid);
            return;
        }
        var counts = new Table().Title("VMs (counts of target hosts)").AddColumns("VM", "host", "migrates", "round trip", "blocked", "undecidable", "suggestion");
        foreach (var vm in plan.Vms)
        {
            int c = 0, rt = 0, b = 0, u = 0;
            foreach (var t in vm.Targets)
            {
                switch (t.Verdict.Kind)
                {
                    case VerdictKind.Compatible: c++; if (t.Back.Kind == VerdictKind.Compatible) rt++; break;
                    case VerdictKind.Incompatible: b++; break;
                    default: u++; break;
                }
            }
            counts.AddRow(Markup.Escape(vm.Name), Markup.Escape(vm.Host), N(c), N(rt), N(b), N(u), vm.Suggestion is { } s ? Markup.Escape(s.Option) : "");
        }
        console.Write(counts);
    }

    private static string Cell(PlanTarget t) => t.Verdict.Kind switch
    {
        VerdictKind.Compatible => t.Back.Kind == VerdictKind.Compatible ? "[green]✓[/]" : "[green]→[/]",
        VerdictKind.Incompatible => "[red]✗[/]",
        _ => "[yellow]?[/]",
    };

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
