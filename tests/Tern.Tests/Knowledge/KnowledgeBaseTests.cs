using System.IO.Compression;
using System.Text.Json.Nodes;
using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Platforms;

namespace Tern.Tests.Knowledge;

/// <summary>
/// <see cref="KnowledgeBase"/> alone: which profile a label finds (embedded measured, hand-entered history, a user's
/// profiles in front) and what it answers. Expected facts are real QEMU's: the Debian packages of
/// tests/fixtures/README.md and the CPU each build instantiated per machine (tests/fixtures/vmstate/machine-props.jsonl).
/// </summary>
public sealed class KnowledgeBaseTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tern-kb-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // A user's profile of a build: the embedded 10.0.13 ppc64 profile (made by `tern profile` on Debian's 10.0.13) with
    // another build id, as a rebuild of the same release would have.
    private string UserProfile(string dir, string name, string buildId)
    {
        Directory.CreateDirectory(dir);
        JsonObject json;
        using (var gz = new GZipStream(KnowledgeBase.OpenData("profiles/10.0.13-ppc64.tern-profile.json.gz"), CompressionMode.Decompress)) json = JsonNode.Parse(gz)!.AsObject();
        json["qemu"]!["buildId"] = buildId;
        var path = Path.Combine(dir, name + HostProfileFile.Extension);
        using var output = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        output.Write(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
        return path;
    }

    [Theory]
    // tests/fixtures/README.md: Debian 1:5.2+dfsg-11+deb11u3, 7.2.22, 10.0.2, 10.0.13.
    [InlineData("5.2", "5.2", "5.2.0")]
    [InlineData("qemu-7.2", "7.2", "7.2.22")]
    [InlineData("10.0.2", "10.0.2", "10.0.2")]
    [InlineData("qemu-10.0.13", "10.0.13", "10.0.13")]
    public void Given_an_embedded_label_when_found_then_it_is_the_measured_profile_of_that_Debian_build(string label, string expected, string version)
    {
        // When the label is looked up
        var p = KnowledgeBase.Default.Find(label);

        // Then it is the profile measured from that build
        Assert.NotNull(p);
        Assert.Equal(expected, p.Label);
        Assert.Equal(QemuVersion.Parse(version), p.Version);
        Assert.Equal("measured", p.Provenance);
    }

    [Theory]
    [InlineData("qemu-10.0", "10.0.13")] // two 10.0.x builds embedded: the newest
    [InlineData("10", "10.0.13")]
    [InlineData("qemu-7.2.22", "7.2")]   // a more precise label finds the less precise embedded one
    [InlineData("qemu-2.11", "2.11.2")]  // hand-entered 2.11.1 and 2.11.2: the newest
    public void Given_a_series_label_when_found_then_it_is_the_newest_release_of_that_series(string label, string expected)
    {
        Assert.Equal(expected, KnowledgeBase.Default.Find(label)?.Label);
    }

    [Theory]
    [InlineData("qemu-6.0")]
    [InlineData("10.1")]
    [InlineData("qemu-1")]
    public void Given_a_label_of_no_known_release_when_found_then_there_is_no_profile(string label)
    {
        Assert.Null(KnowledgeBase.Default.Find(label));
    }

    [Fact]
    public void Given_a_hand_entered_release_when_found_then_it_says_it_comes_from_QEMUs_source_history()
    {
        var p = KnowledgeBase.Default.Find("2.12")!;

        Assert.Equal("source", p.Provenance);
        Assert.Contains("v2.12", p.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_the_embedded_knowledge_when_listing_labels_then_measured_and_hand_entered_releases_come_oldest_first()
    {
        var labels = KnowledgeBase.Default.Labels.ToList();

        Assert.Equal(labels.OrderBy(QemuVersion.Parse), labels);
        Assert.Equal(["2.7", "2.9", "2.10", "2.11.1", "2.11.2", "2.12", "3.0", "5.2", "7.2", "8.2", "9.0", "10.0.2", "10.0.13"], labels);
    }

    [Theory]
    // machine-props.jsonl cpu0_type: QEMU 10.0 instantiates power9_v2.2 for pseries-7.2 where 7.2 made power9_v2.0.
    [InlineData("7.2", "pseries-7.2", "power9_v2.0")]
    [InlineData("10.0.13", "pseries-7.2", "power9_v2.2")]
    [InlineData("10.0.2", "pseries-10.0", "power10_v2.0")]
    public void Given_a_label_when_asked_for_a_machines_default_cpu_then_it_answers_what_that_build_instantiated(string label, string machine, string cpu)
    {
        var facts = KnowledgeBase.Default.Find(label)!.For(Architecture.Ppc64)!;

        Assert.Equal(cpu, facts.ResolveCpu(facts.Machines[machine]));
    }

    [Fact]
    public void Given_a_users_profile_of_an_embedded_label_when_found_then_the_users_profile_answers()
    {
        // Given a user's 10.0.13 build profiled into their profile directory
        var dir = Path.Combine(_root, "user");
        var path = UserProfile(dir, "mine", "sha256:" + new string('a', 64));
        var kb = KnowledgeBase.Default.With(new ProfileSearch([], [(dir, "user")]));

        // When 10.0.13 (or its series) is looked up
        var exact = kb.Find("qemu-10.0.13")!;
        var series = kb.Find("qemu-10.0")!;

        // Then the user's file answers, not the embedded one; the embedded knowledge itself is unchanged
        Assert.Equal(path, Assert.Single(exact.Files));
        Assert.Same(exact, series);
        Assert.Equal("sha256:" + new string('a', 64), exact.BuildIds[Architecture.Ppc64]);
        Assert.NotEqual(exact.BuildIds[Architecture.Ppc64], KnowledgeBase.Default.Find("10.0.13")!.BuildIds[Architecture.Ppc64]);
        // A label the user has no profile for still comes from the embedded knowledge.
        Assert.Equal("measured", kb.Find("7.2")!.Provenance);
        Assert.DoesNotContain(kb.Find("7.2")!.Files, f => f.StartsWith(dir, StringComparison.Ordinal));
    }

    [Fact]
    public void Given_two_builds_with_one_label_when_found_then_it_is_an_error_naming_both_files()
    {
        // Given two different 10.0.13 builds in one directory
        var dir = Path.Combine(_root, "twice");
        UserProfile(dir, "one", "sha256:" + new string('b', 64));
        UserProfile(dir, "two", "sha256:" + new string('c', 64));
        var kb = KnowledgeBase.Default.With(new ProfileSearch([], [(dir, "user")]));

        // When the label is looked up
        var e = Assert.Throws<ProfileAmbiguityException>(() => kb.Find("10.0.13"));

        // Then both files are named: Tern never picks one build's facts for another silently
        Assert.Contains("one" + HostProfileFile.Extension, e.Message, StringComparison.Ordinal);
        Assert.Contains("two" + HostProfileFile.Extension, e.Message, StringComparison.Ordinal);
    }
}
