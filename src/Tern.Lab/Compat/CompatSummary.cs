using Tern.Predict;

namespace Tern.Lab.Compat;

/// <summary>
/// The ten-second line per machine type: for each direction "ok", "breaks — why — fix: what" or "undecidable — what
/// is missing", taking the reason from the static difference that explains the break when there is one (a moved
/// default CPU) and otherwise from the engine's first fatal finding; a real run that contradicts the prediction is
/// named as a Tern defect.
/// </summary>
public static class CompatSummary
{
    private const int MaxReason = 180;

    /// <summary>The summary line of <paramref name="machine"/>'s cells.</summary>
    public static string Line(string machine, IReadOnlyList<CompatCell> cells)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(cells);
        return $"{machine}: {Direction(cells, CompatDirection.Forward)}; {Direction(cells, CompatDirection.Backward)}";
    }

    /// <summary>The part of the line for one direction.</summary>
    public static string Direction(IReadOnlyList<CompatCell> cells, string direction)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var broken = cells.Where(c => c.BreaksIn(direction)).ToList();
        var undecided = cells.Where(c => c.Predicted(direction).Kind == VerdictKind.Undecidable).ToList();
        var defects = cells.Where(c => c.Disagrees(direction)).ToList();
        string text;
        if (broken.Count > 0)
        {
            var first = broken[0];
            var (why, fix) = Reason(first, direction);
            var which = broken.Count == cells.Count ? "" : " with " + string.Join(", ", broken.Select(c => c.Cpu is null ? "the default CPU" : "-cpu " + c.Cpu));
            text = $"{direction} breaks{which} — {why}{(fix is null ? "" : " — fix: " + fix)}";
        }
        else if (undecided.Count > 0)
        {
            var missing = undecided[0].Predicted(direction).Missing;
            text = $"{direction} undecidable — {(missing.Count > 0 ? Clip(missing[0]) : "Tern cannot decide")}";
        }
        else
        {
            text = $"{direction} ok";
        }
        if (defects.Count > 0)
        {
            var d = defects[0].Real(direction)!;
            text += $" [Tern defect: predicted {d.PredictedVerdict}, QEMU {d.Outcome}{(defects.Count > 1 ? $", {defects.Count} cells" : "")}]";
        }
        return text;
    }

    /// <summary>Why a cell breaks in <paramref name="direction"/> and how to avoid it.</summary>
    public static (string Why, string? Fix) Reason(CompatCell cell, string direction)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var verdict = cell.Predicted(direction);
        var fatal = verdict.FirstFatal;
        if (cell.Cpu is null && cell.Facts.FirstOrDefault(f => f.Code == "default-cpu-moved") is { } moved && fatal?.Code.StartsWith("ppc-", StringComparison.Ordinal) != false)
            return (moved.Message, moved.Remedy);
        if (fatal is not null) return (Clip(fatal.Code + ": " + fatal.Message), fatal.Remedy is null ? null : Clip(fatal.Remedy));
        var real = cell.Real(direction);
        var line = real?.Stderr.LastOrDefault(l => l.Length > 0) ?? real?.ErrorDescription ?? "QEMU refused it";
        return (Clip("QEMU: " + line), null);
    }

    private static string Clip(string s)
    {
        var firstLine = s.Split('\n')[0].Trim();
        return firstLine.Length <= MaxReason ? firstLine : firstLine[..(MaxReason - 1)] + "…";
    }
}
