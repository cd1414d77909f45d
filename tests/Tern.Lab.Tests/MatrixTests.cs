using Microsoft.Data.Sqlite;
using Tern.Lab.Matrix;
using Tern.Lab.Predictions;
using Tern.Platforms;

namespace Tern.Lab.Tests;

public sealed class MatrixTests
{
    private static ExpectationSet Fixtures() => ExpectationSet.Load(Path.Combine(LabFixture.FixturesDir, "outcomes.jsonl"));

    [Fact]
    public void A_YAML_config_expands_into_cells_per_machine_variant_and_direction()
    {
        var cfg = MatrixConfigLoader.Parse(new StringReader(MatrixConfigs.Pseries));

        var cells = MatrixPlanner.Plan(cfg);

        // pseries-5.2: (5.2→5.2, 7.2→7.2, 5.2→7.2, 7.2→5.2) × 2 variants; pseries-7.2 exists only in 7.2: 1 × 2 variants.
        Assert.Equal(10, cells.Count);
        Assert.Equal(cells.Count, cells.Select(c => c.Id).Distinct().Count());
        Assert.Contains(cells, c => c.Source.Qemu == "7.2" && c.Source.Args.Contains("pseries-7.2,cap-cfpc=fixed") && c.Destination.Args.Contains("pseries-7.2"));
        Assert.All(cells, c => Assert.True(c.BackHop));
    }

    [Theory]
    [InlineData("pseries-7.2", "ppc64")]
    [InlineData("pseries", "ppc64")]
    [InlineData("virt-9.2", "aarch64")]
    public void A_cell_without_arch_takes_that_of_the_target_owning_its_machine_type(string machine, string arch) =>
        Assert.Equal(arch, MatrixPlanner.ArchOf(machine));

    [Theory]
    [InlineData("powernv9")]
    [InlineData("sbsa-ref")]
    public void A_machine_type_no_target_owns_needs_an_explicit_arch(string machine)
    {
        var e = Assert.Throws<FormatException>(() => MatrixPlanner.ArchOf(machine));
        Assert.Contains("give 'arch' (ppc64 or aarch64)", e.Message);
    }

    [Fact]
    public void Shards_partition_the_cells()
    {
        var cells = MatrixPlanner.Plan(MatrixConfigLoader.Parse(new StringReader(MatrixConfigs.Pseries)));

        var parts = Enumerable.Range(1, 3).Select(k => ShardSpec.Parse($"{k}/3").Select(cells)).ToList();

        Assert.Equal(cells.Select(c => c.Id).Order(), parts.SelectMany(p => p).Select(c => c.Id).Order());
        Assert.Throws<FormatException>(() => ShardSpec.Parse("4/3"));
    }

    [Fact]
    public async Task A_small_pseries_matrix_reproduces_the_matching_fixture_outcomes()
    {
        LabFixture.Require("5.2", "7.2");
        var cells = MatrixPlanner.Plan(MatrixConfigLoader.Parse(new StringReader(MatrixConfigs.Pseries)));

        var run = await MatrixRunner.RunAsync(cells, new MatrixRunOptions { LabDir = LabFixture.LabDir, Jobs = 2, Expectations = Fixtures() }, TestContext.Current.CancellationToken);

        Assert.Equal(cells.Count, run.Records.Count);
        Assert.DoesNotContain(run.Records, r => r.Outcome == "error");
        var compared = run.Records.Where(r => r.ExpectedOutcome is not null).ToList();
        Assert.True(compared.Count >= 4, $"only {compared.Count} cells matched fixture rows");
        Assert.All(run.Records, r => Assert.False(r.Regression, $"{r.Pair} {r.Machine} {r.Variant}: expected {r.ExpectedOutcome}/{r.ExpectedBackOutcome}, got {r.Outcome}/{r.BackOutcome}"));
        var fwd = run.Records.Single(r => r.SourceQemu == "5.2" && r.DestinationQemu == "7.2" && r.Machine == "pseries-5.2" && r.Variant == "default");
        Assert.Equal(("success", "load-failed", "load-failed"), (fwd.Outcome, fwd.BackOutcome, fwd.ExpectedBackOutcome));
        var cap = run.Records.Single(r => r.Machine == "pseries-7.2" && r.Variant == "cfpc-fixed");
        Assert.Equal("load-failed", cap.ExpectedOutcome);
        Assert.Contains("qemu-system-ppc64: cap-cfpc higher level (2) in incoming stream than on destination (1)", cap.Stderr);
        Assert.All(run.Records, r => Assert.Equal("unpredicted", r.Agreement));
    }

    [Fact]
    public async Task A_small_virt_matrix_reproduces_the_matching_fixture_outcomes()
    {
        LabFixture.Require("5.2", "7.2", "10.0.2");
        var cells = MatrixPlanner.Plan(MatrixConfigLoader.Parse(new StringReader(MatrixConfigs.Virt)));

        var run = await MatrixRunner.RunAsync(cells, new MatrixRunOptions { LabDir = LabFixture.LabDir, Jobs = 2, Expectations = Fixtures() }, TestContext.Current.CancellationToken);

        Assert.Equal(10, run.Records.Count);
        Assert.All(run.Records, r => Assert.False(r.Regression, $"{r.Pair} {r.Cpu}: expected {r.ExpectedOutcome}, got {r.Outcome}"));
        Assert.True(run.Records.Count(r => r.ExpectedOutcome is not null) >= 3);
        Assert.All(run.Records.Where(r => r.SourceQemu == r.DestinationQemu), r => Assert.Equal("success", r.Outcome));
        Assert.All(run.Records.Where(r => r.SourceQemu != r.DestinationQemu), r => Assert.Equal("load-failed", r.Outcome));
    }

    [Fact]
    public async Task A_predictor_is_asked_per_cell_and_its_disagreements_are_marked()
    {
        LabFixture.Require("7.2", "10.0.13");
        var cells = MatrixPlanner.Plan(MatrixConfigLoader.Parse(new StringReader(MatrixConfigs.Tiny)));
        var predictor = new AlwaysCompatible();

        var run = await MatrixRunner.RunAsync(cells, new MatrixRunOptions { LabDir = LabFixture.LabDir, Jobs = 2, Predictor = predictor }, TestContext.Current.CancellationToken);

        Assert.Equal(cells.Count, predictor.Calls);
        Assert.True(predictor.SawStream, "the predictor should receive the real source stream");
        Assert.All(run.Records, r => Assert.Equal(r.Outcome == "success" ? "agree" : "disagree", r.Agreement));
        Assert.Contains(run.Records, r => r.Agreement == "disagree" && r.Failed);
    }

    [Fact]
    public async Task Terns_own_predictor_agrees_with_real_QEMU_on_the_small_matrices()
    {
        LabFixture.Require("5.2", "7.2", "10.0.2");
        var cells = MatrixPlanner.Plan(MatrixConfigLoader.Parse(new StringReader(MatrixConfigs.Pseries)))
            .Concat(MatrixPlanner.Plan(MatrixConfigLoader.Parse(new StringReader(MatrixConfigs.Virt)))).ToList();

        var run = await MatrixRunner.RunAsync(cells, new MatrixRunOptions { LabDir = LabFixture.LabDir, Jobs = 2, Predictor = new TernPredictor() }, TestContext.Current.CancellationToken);

        var disagreements = run.Records.Where(r => r.Agreement == "disagree")
            .Select(r => $"{r.Pair} {r.Machine} {r.Cpu} {r.Variant}: QEMU {r.Outcome}, Tern {r.PredictedVerdict} ({r.PredictionSummary})").ToList();
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(run.Records.Count(r => r.Agreement == "agree") >= run.Records.Count * 3 / 4, "most cells should be predicted");
    }

    [Fact]
    public async Task Shard_results_merge_into_one_store()
    {
        LabFixture.Require("7.2", "10.0.13");
        var dir = LabFixture.TempDir("merge");
        var cells = MatrixPlanner.Plan(MatrixConfigLoader.Parse(new StringReader(MatrixConfigs.Tiny)));
        for (var k = 1; k <= 2; k++)
        {
            using var store = ResultStore.Open(Path.Combine(dir, $"shard{k}.db"));
            await MatrixRunner.RunAsync(ShardSpec.Parse($"{k}/2").Select(cells), new MatrixRunOptions { LabDir = LabFixture.LabDir, Jobs = 2, Store = store }, TestContext.Current.CancellationToken);
        }

        using var merged = ResultStore.Open(Path.Combine(dir, "all.db"));
        var n = merged.MergeFrom(Path.Combine(dir, "shard1.db")) + merged.MergeFrom(Path.Combine(dir, "shard2.db"));

        Assert.Equal(cells.Count, n);
        Assert.Equal(cells.Select(c => c.Id).Order(), merged.LoadAll().Select(r => r.CellId).Order());
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, true);
    }

    private sealed class AlwaysCompatible : IMigrationPredictor
    {
        private int _calls;
        public int Calls => _calls;
        public bool SawStream { get; private set; }

        public Prediction Predict(HostSpec source, HostSpec destination, string? streamPath)
        {
            Interlocked.Increment(ref _calls);
            if (streamPath is not null && File.Exists(streamPath) && new FileInfo(streamPath).Length > 100_000) SawStream = true;
            Assert.Equal("pseries-7.2", source.Machine);
            return new Prediction(PredictionVerdict.Compatible, [], ["test-always-compatible"], "always compatible (test)");
        }
    }
}
