using System.IO.Compression;
using System.Text.Json.Nodes;
using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Tests.Knowledge;

/// <summary>How a spec's qemu-LABEL finds a profile: precedence, newest micro release, and ambiguity.</summary>
public sealed class ProfileSearchTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tern-search-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Dir(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

    private static void CopyWithBuild(string directory, string name, string? buildId = null, string? label = null)
    {
        JsonObject json;
        using (var gz = new GZipStream(File.OpenRead(HostProfileFileTests.RealProfile), CompressionMode.Decompress)) json = JsonNode.Parse(gz)!.AsObject();
        if (buildId is not null) json["qemu"]!["buildId"] = buildId;
        if (label is not null) json["label"] = label;
        using var output = new GZipStream(File.Create(Path.Combine(directory, name + HostProfileFile.Extension)), CompressionLevel.Fastest);
        output.Write(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    [Fact]
    public void A_minor_release_label_finds_the_newest_micro_release_and_the_same_object_as_its_exact_label()
    {
        var dir = Dir("a");
        CopyWithBuild(dir, "p");
        var search = new ProfileSearch([], [(dir, "test")]);
        var kb = KnowledgeBase.Default.With(search);

        var minor = kb.Find("qemu-11.1");

        Assert.NotNull(minor);
        Assert.Equal("11.1.3", minor.Label);
        Assert.Same(minor, kb.Find("11.1.3"));
        Assert.Equal("measured", minor.Provenance);
        Assert.Contains("11.1.3", kb.Labels);
    }

    [Fact]
    public void Two_builds_with_one_label_in_one_place_are_ambiguous_and_both_are_named()
    {
        var dir = Dir("b");
        CopyWithBuild(dir, "one");
        CopyWithBuild(dir, "two", buildId: "sha256:" + new string('0', 64));
        var search = new ProfileSearch([], [(dir, "test")]);
        Assert.Equal(2, search.Entries.Select(x => x.Header.BuildId).Distinct().Count());

        var e = Assert.Throws<ProfileAmbiguityException>(() => search.Find("11.1.3"));

        Assert.Equal(2, e.Candidates.Count);
        Assert.Contains("one" + HostProfileFile.Extension, e.Message, StringComparison.Ordinal);
        Assert.Contains("two" + HostProfileFile.Extension, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_earlier_directory_wins_over_a_later_one_with_another_build()
    {
        var first = Dir("first");
        var second = Dir("second");
        CopyWithBuild(first, "p");
        CopyWithBuild(second, "p", buildId: "sha256:" + new string('1', 64));
        var search = new ProfileSearch([], [(first, "--profiles"), (second, "user")]);

        var p = search.Find("11.1.3")!;

        Assert.StartsWith(first, Assert.Single(p.Files), StringComparison.Ordinal);
    }

    [Fact]
    public void A_check_of_a_version_Tern_has_never_embedded_is_decided_from_the_profile_alone()
    {
        var dir = Dir("c");
        CopyWithBuild(dir, "p");
        var predictor = new Predictor(KnowledgeBase.Default.With(new ProfileSearch([], [(dir, "test")])));
        var spec = HostSpecParser.Parse("qemu-11.1 -machine pseries-11.1");

        var same = predictor.Predict(spec, spec);
        var unknownCap = predictor.Predict(HostSpecParser.Parse("qemu-11.1 -machine pseries-11.1,cap-nosuch=on"), spec);

        Assert.Equal(VerdictKind.Compatible, same.Kind);
        Assert.Contains(same.Notes, n => n.StartsWith("source knowledge: QEMU 11.1.3 (measured): measured profile ", StringComparison.Ordinal));
        Assert.Null(KnowledgeBase.Default.Find("11.1"));
        Assert.NotEqual(VerdictKind.Compatible, unknownCap.Kind);
    }
}
