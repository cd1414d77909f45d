using System.Text.Json;
using System.Xml.Linq;
using Tern.Cli.Reports;
using Tern.Lab.Matrix;

namespace Tern.Lab.Tests;

public sealed class MatrixReportTests
{
    [Fact]
    public async Task The_HTML_report_in_headless_Chromium_shows_the_grid_and_a_clicked_cells_QEMU_stderr()
    {
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require("5.2", "7.2");
        var dir = LabFixture.TempDir("html");
        var cells = MatrixPlanner.Plan(MatrixConfigLoader.Parse(new StringReader(MatrixConfigs.Pseries)));
        var run = await MatrixRunner.RunAsync(cells, new MatrixRunOptions { LabDir = LabFixture.LabDir, Jobs = 2 }, ct);
        var html = Path.Combine(dir, "matrix.html");
        MatrixHtmlReport.Write(html, run.Records);
        var target = run.Records.Single(r => r.SourceQemu == "7.2" && r.DestinationQemu == "5.2" && r.Machine == "pseries-5.2" && r.Variant == "default");

        await using var browser = await HeadlessChromium.StartAsync(ct);
        await browser.NavigateAsync(new Uri(html).AbsoluteUri, ct);
        var grids = (await browser.EvaluateAsync("document.querySelectorAll('section.matrix').length", ct)).GetInt32();
        var cellCount = (await browser.EvaluateAsync("document.querySelectorAll('td.cell').length", ct)).GetInt32();
        var hiddenBefore = (await browser.EvaluateAsync("document.getElementById('details').hidden", ct)).GetBoolean();
        var rect = await browser.EvaluateAsync($"(function(){{var r=document.querySelector('td[data-cell=\"{target.CellId}\"]').getBoundingClientRect();return [r.left+r.width/2,r.top+r.height/2];}})()", ct);
        await browser.ClickAsync(rect[0].GetDouble(), rect[1].GetDouble(), ct);
        var details = (await browser.EvaluateAsync("document.getElementById('details').hidden ? '' : document.getElementById('details').innerText", ct)).GetString();
        var colour = (await browser.EvaluateAsync($"getComputedStyle(document.querySelector('td[data-cell=\"{target.CellId}\"]')).backgroundColor", ct)).GetString();
        var png = await browser.ScreenshotAsync(ct);
        await File.WriteAllBytesAsync(Path.Combine(dir, "matrix.png"), png, ct);

        Assert.Equal(4, grids); // pseries-5.2 × {default, cfpc-fixed}, pseries-7.2 × {default, cfpc-fixed}
        Assert.Equal(run.Records.Count, cellCount);
        Assert.True(hiddenBefore);
        Assert.Contains("7.2 → 5.2: load-failed", details, StringComparison.Ordinal);
        Assert.Contains("savevm: unsupported version 3 for 'spapr_iommu' v2", details, StringComparison.Ordinal);
        Assert.Contains("Tern predicted", details, StringComparison.Ordinal);
        Assert.Equal("rgb(245, 181, 181)", colour); // load-failed
        Assert.True(png.Length > 5000 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G');
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task The_CLI_runs_a_matrix_from_flags_and_writes_JSON_JUnit_and_HTML()
    {
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require("7.2", "10.0.13");
        var dir = LabFixture.TempDir("cli");
        var junit = Path.Combine(dir, "m.xml");
        var html = Path.Combine(dir, "m.html");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["matrix", "--qemu", "7.2,10.0.13", "--machine", "pseries-7.2", "--cpu", "power9_v2.0", "--both-ways", "--json", "--predictor", "none",
             "--junit", junit, "--html", html, "--expect", Path.Combine(LabFixture.FixturesDir, "outcomes.jsonl"), "--db", Path.Combine(dir, "m.db")], ct);

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        using var doc = JsonDocument.Parse(stdout);
        var cells = doc.RootElement.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(2, cells.Count);
        var up = cells.Single(c => c.GetProperty("source").GetProperty("qemu").GetString() == "7.2");
        var down = cells.Single(c => c.GetProperty("source").GetProperty("qemu").GetString() == "10.0.13");
        // Fixture rows f-7.2-to-10.0.13-pseries-7.2-cpu9v20: forward success; 10.0.13 → 7.2 load-failed.
        Assert.Equal(("success", "success"), (up.GetProperty("outcome").GetString(), up.GetProperty("expected").GetString()));
        Assert.Equal(("load-failed", "load-failed"), (down.GetProperty("outcome").GetString(), down.GetProperty("expected").GetString()));
        Assert.Equal("unpredicted", up.GetProperty("agreement").GetString());
        var x = XDocument.Load(junit);
        Assert.Equal(2, x.Descendants("testcase").Count());
        Assert.Empty(x.Descendants("failure"));
        Assert.Contains("data-cell=", await File.ReadAllTextAsync(html, ct), StringComparison.Ordinal);
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task A_matrix_runner_killed_mid_run_keeps_its_committed_cells_and_the_rerun_finishes_the_rest()
    {
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require("5.2", "7.2", "10.0.2", "10.0.13");
        var dir = LabFixture.TempDir("resume");
        var config = MatrixConfigs.Write(dir, "m.yaml", """
            versions: [5.2, 7.2, 10.0.2, 10.0.13]
            machines: [pseries-5.2]
            directions: [all, same]
            backHop: true
            """);
        var db = Path.Combine(dir, "m.db");
        var total = MatrixPlanner.Plan(MatrixConfigLoader.Load(config)).Count; // 16

        // First run, one cell at a time: kill -9 it once a few cells are committed.
        int firstPid;
        using (var first = CliProcess.Start(["matrix", config, "--db", db, "--jobs", "1", "--json", "--predictor", "none"]))
        {
            firstPid = first.Id;
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (Committed(db) < 3 && !first.HasExited && DateTime.UtcNow < deadline) await Task.Delay(50, ct);
            Assert.False(first.HasExited, "the first run ended before it could be killed; make the matrix bigger");
            // kill -9: its QEMU processes die with it (parent-death guard), not only when the rerun sweeps them.
            var (elapsed, left) = await RunProcesses.KillRunnerAndWaitAsync(first, TimeSpan.FromSeconds(3), ct);
            Assert.True(left.Count == 0, $"alive {elapsed.TotalMilliseconds:F0} ms after kill -9: {RunProcesses.Describe(left)}");
        }
        var runDir = Path.Combine(LabFixture.LabDir, ".run");
        var strayFiles = Directory.EnumerateFiles(runDir, $"owner-{firstPid}-*.pids").ToList();
        var strays = strayFiles.SelectMany(File.ReadAllLines).Select(l => int.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var kept = Committed(db);
        Assert.InRange(kept, 3, total - 1);
        var keptRows = Rows(db);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["matrix", config, "--db", db, "--json", "--predictor", "none"], ct);

        Assert.True(exit is 0 or 1, $"exit {exit}: {stderr}");
        using var doc = JsonDocument.Parse(stdout);
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(total, summary.GetProperty("cells").GetInt32());
        Assert.Equal(kept, summary.GetProperty("skipped").GetInt32());
        Assert.Equal(total - kept, summary.GetProperty("ranNow").GetInt32());
        Assert.Equal(total, Committed(db));
        // Nothing finished was lost, run again or stored twice: the kept rows are byte for byte those of the first run.
        var rows = Rows(db);
        Assert.Equal(total, rows.Count);
        Assert.All(keptRows, r => Assert.Equal(r.Value, rows[r.Key]));
        // The rerun swept the killed runner's state file and temporary directories (its QEMUs were gone already).
        Assert.Empty(Directory.EnumerateFiles(runDir, $"owner-{firstPid}-*.pids"));
        Assert.Empty(Directory.EnumerateDirectories(Path.GetTempPath(), $"tern-*-{firstPid}-*"));
        Assert.All(strays, pid => Assert.False(Processes.LabProcessRegistry.IsQemu(pid), $"stray QEMU {pid} still runs"));
        var survivors = Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Where(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")).Contains($"/tern-lab-{firstPid}-", StringComparison.Ordinal); } catch (IOException) { return false; } })
            .ToList();
        Assert.Empty(survivors);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, true);
    }

    [Fact]
    public async Task Ctrl_C_on_a_running_matrix_ends_its_QEMU_processes()
    {
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require("5.2", "7.2", "10.0.2", "10.0.13");
        var dir = LabFixture.TempDir("sigint");
        var config = MatrixConfigs.Write(dir, "m.yaml", """
            versions: [5.2, 7.2, 10.0.2, 10.0.13]
            machines: [pseries-5.2]
            directions: [all, same]
            backHop: true
            """);
        var db = Path.Combine(dir, "m.db");
        using var cli = CliProcess.Start(["matrix", config, "--db", db, "--jobs", "1", "--json", "--predictor", "none"]);
        var runDir = Path.Combine(LabFixture.LabDir, ".run");
        List<int> live = [];
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!cli.HasExited && DateTime.UtcNow < deadline)
        {
            live = Directory.EnumerateFiles(runDir, $"owner-{cli.Id}-*.pids").SelectMany(ReadPids).Where(Processes.LabProcessRegistry.IsQemu).ToList();
            if (live.Count > 0 && Committed(db) >= 1) break;
            await Task.Delay(10, ct);
        }
        Assert.NotEmpty(live);

        Assert.Equal(0, Processes.NativeMethods.Kill(cli.Id, 2)); // SIGINT, as Ctrl-C sends
        await cli.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);

        // QEMU ends with its guard's kill or tern's own handler; either may land a moment after tern exits.
        for (var wait = DateTime.UtcNow.AddSeconds(5); DateTime.UtcNow < wait && live.Any(Processes.LabProcessRegistry.IsQemu);) await Task.Delay(20, ct);
        Assert.All(live, pid => Assert.False(Processes.LabProcessRegistry.IsQemu(pid), $"QEMU {pid} survived Ctrl-C"));
        Assert.True(Committed(db) >= 1);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dir, true);
    }

    private static IEnumerable<int> ReadPids(string file)
    {
        try
        {
            return File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => int.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>Every stored row: id → the record JSON (which holds finished_at), read with a duplicate-id check.</summary>
    private static Dictionary<string, string> Rows(string db)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, record FROM cells";
        using var r = cmd.ExecuteReader();
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        while (r.Read()) rows.Add(r.GetString(0), r.GetString(1));
        return rows;
    }

    private static int Committed(string db)
    {
        if (!File.Exists(db)) return 0;
        try
        {
            using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM cells";
            return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0;
        }
    }

    [Fact]
    public void The_JUnit_report_fails_disagreements_and_regressions_only()
    {
        var dir = LabFixture.TempDir("junit");
        MatrixRecord Rec(string id, string outcome, string agreement, bool regression) => new()
        {
            CellId = id, Key = id, Arch = "ppc64", Machine = "pseries-7.2", Cpu = "(default)", Variant = "default", Transport = "file",
            SourceQemu = "7.2", SourceArgs = [], DestinationQemu = "10.0.13", DestinationArgs = [], Outcome = outcome, Agreement = agreement,
            Regression = regression, ExpectedOutcome = regression ? "success" : null,
        };
        var path = Path.Combine(dir, "j.xml");

        MatrixJunitReport.Write(path, [Rec("a", "success", "agree", false), Rec("b", "load-failed", "disagree", false), Rec("c", "load-failed", "unpredicted", true), Rec("d", "load-failed", "unpredicted", false)]);
        var x = XDocument.Load(path);

        Assert.Equal(4, x.Descendants("testcase").Count());
        Assert.Equal(["disagreement", "regression"], x.Descendants("failure").Select(f => f.Attribute("type")!.Value).Order());
        Directory.Delete(dir, true);
    }
}
