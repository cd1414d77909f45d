using System.CommandLine;
using Tern.Cli.Reports;
using Tern.Fleet;
using Tern.Predict;

namespace Tern.Cli.Commands;

/// <summary><c>tern plan INVENTORY</c>: for every VM of a fleet, where it can live-migrate, and why not (docs/plan.md).</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var inventory = new Argument<string>("INVENTORY") { Description = "The fleet inventory (YAML: hosts and VMs, docs/plan.md)." };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON (docs/plan.md, schema docs/plan.schema.json)." };
        var html = new Option<string?>("--html") { Description = "Also write one self-contained HTML page with a hosts × VMs heatmap to FILE." };
        var upgrade = new Option<string[]>("--upgrade") { Description = "Plan as if HOST ran another QEMU: HOST=LABEL (repeatable), e.g. p9-a=qemu-11.1.", AllowMultipleArgumentsPerToken = false };
        var summary = new Option<bool>("--summary") { Description = "Print only the hosts × VMs summary, not a table per VM." };
        var noSuggest = new Option<bool>("--no-suggest") { Description = "Do not search a suggested change per VM." };
        var knowledge = new KnowledgeOptions();
        var cmd = new Command("plan", "For every VM of a fleet inventory: the hosts it migrates to, the first reason for each it cannot, and the verified change that opens the most.")
        {
            inventory, json, html, upgrade, summary, noSuggest,
        };
        knowledge.AddProfilesTo(cmd);
        cmd.SetAction(r =>
        {
            var plan = Run(r.GetValue(inventory)!, r.GetValue(upgrade) ?? [], !r.GetValue(noSuggest), files => knowledge.Build(r, files));
            if (r.GetValue(html) is { } page) PlanHtml.Write(page, plan);
            if (r.GetValue(json))
            {
                using var output = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
                PlanJson.Write(output, plan);
            }
            else
            {
                PlanText.Write(Consoles.Stdout, plan, r.GetValue(summary));
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>Loads, resolves and plans (the part tests drive without a console).</summary>
    public static FleetPlan Run(string inventoryFile, IEnumerable<string> upgrades, bool suggest, Func<IEnumerable<string?>, Knowledge.KnowledgeBase> knowledge)
    {
        var inv = InventoryLoader.Load(inventoryFile);
        var kb = knowledge(inv.Hosts.Select(h => h.ProfileFile));
        IReadOnlyList<FleetHost> hosts;
        try
        {
            hosts = FleetHosts.Resolve(inv, kb, Upgrades(upgrades));
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        return new FleetPlanner(new Predictor(kb)) { Suggest = suggest }.Plan(inv, hosts);
    }

    public static Dictionary<string, string> Upgrades(IEnumerable<string> values)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            var eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == v.Length - 1) throw new UsageException($"--upgrade {v}: expected HOST=LABEL, e.g. p9-a=qemu-11.1");
            d[v[..eq]] = v[(eq + 1)..];
        }
        return d;
    }
}
