using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Platforms;

namespace Tern.Tests.Support;

/// <summary>
/// The embedded knowledge without the stream templates cut from tests/fixtures/streams (templates/index.json origin
/// <c>fixtures/…</c>): those streams are the ones the fixture outcomes' own runs wrote, so a prediction judged against a
/// fixture outcome must be built from other real runs — the lab's template streams (scripts/make-lab-streams.py) and
/// the profiles' samples (`tern profile`). Every other fact (machines, CPUs, caps) is the embedded profile's own.
/// </summary>
internal static class IndependentKnowledge
{
    /// <summary>Where a fixture-derived template says it came from.</summary>
    public const string FixtureOrigin = "fixtures/";

    public static KnowledgeBase WithoutFixtureTemplates { get; } = Without(_ => false);

    /// <summary>The same, also without the templates <paramref name="exclude"/> picks (to make the simulator edit another one).</summary>
    public static KnowledgeBase Without(Func<StreamTemplate, bool> exclude) => KnowledgeBase.Default.With(new Source(KnowledgeBase.Default, exclude));

    private sealed class Source(KnowledgeBase inner, Func<StreamTemplate, bool> exclude) : IProfileSource
    {
        // One copy per profile: the simulator matches a template's resolved profile to the host's by reference.
        private readonly Dictionary<QemuProfile, QemuProfile> _copies = new(ReferenceEqualityComparer.Instance);

        public IEnumerable<(string Label, QemuVersion Version)> Labels =>
            inner.Labels.Select(l => (l, inner.Find(l)!.Version));

        public QemuProfile? Find(string label)
        {
            if (inner.Find(label) is not { } p) return null;
            lock (_copies)
            {
                if (_copies.TryGetValue(p, out var copy)) return copy;
                copy = new QemuProfile
                {
                    Label = p.Label, Version = p.Version, Source = p.Source, Arches = p.Arches, Provenance = p.Provenance, Files = p.Files,
                    BuildIds = p.BuildIds, Templates = p.Templates.Where(Independent),
                    TemplatesByArchitecture = p.TemplatesByArchitecture is { } by ? a => by(a).Where(Independent) : null,
                };
                _copies[p] = copy;
                return copy;
            }
        }

        private bool Independent(StreamTemplate t) => !t.Origin.StartsWith(FixtureOrigin, StringComparison.Ordinal) && !exclude(t);
    }
}
