using Tern.Fuzz;
using Tern.Tests.Support;

namespace Tern.Tests.Fuzz;

/// <summary>Replays tests/fixtures/fuzz-regressions/TARGET/* through the fuzz target of the same name (the AFL contract).</summary>
public sealed class RegressionCorpusTests
{
    private static string CorpusRoot => Path.Combine(Fixtures.Root, "fuzz-regressions");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var dir in Directory.EnumerateDirectories(CorpusRoot).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
                data.Add(Path.GetFileName(dir), Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_regression_input_is_accepted_or_refused_with_a_Tern_exception(string target, string file)
    {
        // Given an input that once broke the target's contract
        var fuzzTarget = FuzzTargets.Find(target);
        Assert.NotNull(fuzzTarget);
        var input = File.ReadAllBytes(Path.Combine(CorpusRoot, target, file));

        // When the target runs it, anything but Tern's own exceptions propagates and fails the test
        var refusal = FuzzHarness.Run(fuzzTarget, input);

        // Then a refusal, if any, is one the door documents, with a message for the user
        if (refusal is not null)
        {
            Assert.True(fuzzTarget.IsOwnError(refusal));
            Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        }
    }

    [Fact]
    public void Every_corpus_folder_names_a_target_and_target_names_are_unique()
    {
        var folders = Directory.EnumerateDirectories(CorpusRoot).Select(Path.GetFileName).ToList();
        Assert.NotEmpty(folders);
        Assert.All(folders, f => Assert.NotNull(FuzzTargets.Find(f!)));
        Assert.Equal(FuzzTargets.All.Count, FuzzTargets.All.Select(t => t.Name).Distinct().Count());
    }
}
