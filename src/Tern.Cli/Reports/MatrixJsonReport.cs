using System.Text.Json;
using Tern.Lab.Matrix;

namespace Tern.Cli.Reports;

/// <summary>Writes matrix records as JSON: <c>{"summary": {...}, "cells": [...]}</c> (each cell as <see cref="MatrixRecordJson"/>).</summary>
internal static class MatrixJsonReport
{
    public static void Write(Stream output, IReadOnlyList<MatrixRecord> records, MatrixRunSummary? run)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteStartObject("summary");
        w.WriteNumber("cells", records.Count);
        w.WriteNumber("success", records.Count(r => r.Outcome == "success"));
        w.WriteNumber("failed", records.Count(r => r.Outcome is not "success" and not "error"));
        w.WriteNumber("labErrors", records.Count(r => r.Outcome == "error"));
        w.WriteNumber("agree", records.Count(r => r.Agreement == "agree"));
        w.WriteNumber("disagree", records.Count(r => r.Agreement == "disagree"));
        w.WriteNumber("unpredicted", records.Count(r => r.Agreement == "unpredicted"));
        w.WriteNumber("regressions", records.Count(r => r.Regression));
        if (run is not null)
        {
            w.WriteNumber("ranNow", run.Records.Count);
            w.WriteNumber("skipped", run.Skipped);
            w.WriteNumber("wallMs", Math.Round(run.WallMs, 1));
            w.WriteNumber("jobs", run.Jobs);
        }
        w.WriteEndObject();
        w.WriteStartArray("cells");
        foreach (var r in records) MatrixRecordJson.Write(w, r);
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.Write("\n"u8);
    }
}
