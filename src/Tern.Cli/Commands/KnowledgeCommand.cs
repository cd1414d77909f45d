using System.CommandLine;
using Tern.Knowledge;

namespace Tern.Cli.Commands;

/// <summary><c>tern knowledge</c>: maintain the embedded knowledge (templates from real streams).</summary>
internal static class KnowledgeCommand
{
    public static Command Create()
    {
        var outcomes = new Option<string>("--outcomes") { Description = "outcomes.jsonl naming which QEMU wrote each stream.", Required = true };
        var streams = new Option<string>("--streams") { Description = "Directory of the .stream.gz files.", Required = true };
        var output = new Option<string>("--out") { Description = "Output directory (src/Tern/Knowledge/Data/templates).", Required = true };
        var origin = new Option<string>("--origin") { Description = "Provenance label recorded per template.", DefaultValueFactory = _ => "fixtures" };
        var build = new Command("build-templates", "Cut real streams into page-less templates for the Simulator.") { outcomes, streams, output, origin };
        build.SetAction(r =>
        {
            var n = TemplateBuilder.Build(r.GetValue(outcomes)!, r.GetValue(streams)!, r.GetValue(output)!, r.GetValue(origin)!);
            Console.WriteLine($"{n} templates written to {r.GetValue(output)}");
            return ExitCodes.Ok;
        });
        var directory = new Option<string>("--dir") { Description = "The templates directory (src/Tern/Knowledge/Data/templates).", Required = true };
        var reindex = new Command("reindex", "Recompute index.json from the templates (the subsections each carries).") { directory };
        reindex.SetAction(r =>
        {
            var n = TemplateBuilder.Reindex(r.GetValue(directory)!);
            Console.WriteLine($"{n} templates indexed in {r.GetValue(directory)}");
            return ExitCodes.Ok;
        });
        return new Command("knowledge", "Maintain Tern's embedded QEMU knowledge.") { build, reindex };
    }
}
